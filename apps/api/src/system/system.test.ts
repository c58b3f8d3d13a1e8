import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test-support';

describe('system routes', () => {
  it('reports health with the server time', async () => {
    const { app, deps } = createTestApp();
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', time: deps.clock.now(), database: 'ok' });
  });

  it('serves an OpenAPI 3.1 document listing every route with its contract', async () => {
    const { app } = createTestApp();
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/openapi.json',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
      ]),
    );
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(login.security).toEqual([]);
    expect(res.body.paths['/api/auth/me'].get.security).toEqual([{ session: [] }]);
  });
});
