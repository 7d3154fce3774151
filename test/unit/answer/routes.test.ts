import assert from 'node:assert/strict';
import { engineFor } from '../../../server/src/core/answer/forIndex';
import { findRoutes } from '../../../server/src/core/answer/routes';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { makeTree, type TempTree } from '../discovery/tempTree';

// Route registrations in the frameworks the convention answer knows, one small file each.

describe('answer: route registrations across frameworks', function () {
  this.timeout(30_000);
  let tree: TempTree;
  let index: WorkspaceIndex;

  before(async () => {
    tree = makeTree({
      'koa/router.ts': "import Router from '@koa/router';\nimport { listItems } from './items';\nconst router = new Router();\nrouter.get('/items', listItems);\n",
      'koa/items.ts': 'export async function listItems(ctx: any) { ctx.body = []; }\n',
      'fastify/server.ts': "import Fastify from 'fastify';\nconst app = Fastify();\nfunction health() { return { ok: true }; }\napp.get('/health', health);\n",
      'nest/users.controller.ts':
        "import { Controller, Get, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  findOne(id: string) { return id; }\n  @Post()\n  create() { return 1; }\n}\n",
      'next/pages/api/hello.ts': 'export default function handler(req: any, res: any) { res.json({}); }\n',
      'next/app/orders/route.ts': 'export async function GET() { return new Response(); }\nexport async function POST() { return new Response(); }\n',
      'api/main.py': "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/items')\ndef create_item():\n    return {}\n",
    });
    index = new WorkspaceIndex(tree.root, { cache: false, workers: 0 });
    await index.build();
  });
  after(async () => {
    await index?.dispose();
    tree?.cleanup();
  });

  it('finds Koa, Fastify, NestJS, Next.js and FastAPI routes with their handlers', () => {
    const routes = findRoutes(index.graph.graph, engineFor(index).prepare().index).map((r) => `${r.framework} ${r.method} ${r.path} ${r.handler ?? '-'}`);
    assert.deepEqual(routes, [
      'fastapi POST /items s:api/main.py#create_item',
      'fastify GET /health s:fastify/server.ts#health',
      'koa GET /items s:koa/items.ts#listItems',
      'nestjs GET :id s:nest/users.controller.ts#UsersController.findOne',
      'nestjs POST  s:nest/users.controller.ts#UsersController.create',
      'nextjs GET /orders s:next/app/orders/route.ts#GET',
      'nextjs POST /orders s:next/app/orders/route.ts#POST',
      'nextjs ANY /api/hello s:next/pages/api/hello.ts#handler',
    ]);
  });
});
