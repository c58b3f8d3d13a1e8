/**
 * Whether a response (already valid against the engine's responseSchema) answers this item: the
 * same type, chosen options that exist, blanks and sub-items the item has. What was typed is
 * never judged here: grading does that.
 */
import type { Item, Response, SubItem, SubResponse } from '@coderprep/exam-engine';
import type { FieldIssue } from '../http/errors';

/** The problems with `response` as an answer to `item`, with field paths under body.response. */
export function responseIssues(item: Item, response: Response): FieldIssue[] {
  return fitIssues(item, response, 'body.response');
}

function fitIssues(question: Item | SubItem, response: Response | SubResponse, path: string): FieldIssue[] {
  if (response.type !== question.type)
    return [{ path: `${path}.type`, message: `this question takes a ${question.type} response` }];
  const issues: FieldIssue[] = [];
  if (question.type === 'multiple-choice' && response.type === 'multiple-choice') {
    if (response.choice !== null && !question.options.some((o) => o.id === response.choice))
      issues.push({ path: `${path}.choice`, message: `"${response.choice}" is not an option` });
  } else if (question.type === 'multiple-response' && response.type === 'multiple-response') {
    response.choices.forEach((choice, i) => {
      if (!question.options.some((o) => o.id === choice))
        issues.push({ path: `${path}.choices.${i}`, message: `"${choice}" is not an option` });
    });
    if (new Set(response.choices).size !== response.choices.length)
      issues.push({ path: `${path}.choices`, message: 'an option is chosen twice' });
  } else if (question.type === 'fill-in' && response.type === 'fill-in') {
    for (const blankId of Object.keys(response.blanks))
      if (!question.blanks.some((b) => b.id === blankId))
        issues.push({ path: `${path}.blanks.${blankId}`, message: `this item has no blank "${blankId}"` });
  } else if (question.type === 'scenario' && response.type === 'scenario') {
    for (const [subId, sub] of Object.entries(response.subResponses)) {
      const subItem = question.subItems.find((s) => s.id === subId);
      if (!subItem)
        issues.push({
          path: `${path}.subResponses.${subId}`,
          message: `this case has no question "${subId}"`,
        });
      else issues.push(...fitIssues(subItem, sub, `${path}.subResponses.${subId}`));
    }
  }
  return issues;
}
