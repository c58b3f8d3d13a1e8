/** A nominal string type: two ids of different kinds cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** Item ids are authored strings (bank files, imports); kept plain so authored data needs no casts. */
export type ItemId = string;
export type AttemptId = Brand<string, 'AttemptId'>;
export type BlueprintId = Brand<string, 'BlueprintId'>;

/** Marks a string as an AttemptId. */
export const attemptId = (value: string): AttemptId => value as AttemptId;
/** Marks a string as a BlueprintId. */
export const blueprintId = (value: string): BlueprintId => value as BlueprintId;
