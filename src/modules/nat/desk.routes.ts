import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { BagAddInput, BagOpenInput, HandoverInput, ScanInput, SyncInput, TubeOpenInput } from './desk.schema.ts';
import type { NatDeskService } from './desk.service.ts';
import { DoorAssignInput, DoorGenerateInput, DoorOutcomeInput, DoorScanInput, DoorTubeInput } from './door.schema.ts';

const IdParams = z.object({ id: zId });
const MineQuery = z.object({ mine: z.enum(['0', '1']).default('0') });
const tags = ['nat'];

export function registerNatDeskRoutes(app: App, desk: NatDeskService): void {
  app.get('/api/nat/desk/desks/:id', { schema: { tags, params: IdParams } }, (req) => desk.desk(actorOf(req), req.params.id));
  app.post('/api/nat/desk/tubes', { schema: { tags, body: TubeOpenInput } }, (req) => desk.openTube(actorOf(req), req.body));
  app.post('/api/nat/desk/tubes/:id/close', { schema: { tags, params: IdParams } }, (req) => desk.closeTube(actorOf(req), req.params.id));
  app.post('/api/nat/desk/scans', { schema: { tags, body: ScanInput } }, (req) => desk.scan(actorOf(req), req.body));
  app.post('/api/nat/desk/samples/:id/undo', { schema: { tags, params: IdParams } }, (req) => desk.undo(actorOf(req), req.params.id));
  app.post('/api/nat/desk/sync', { schema: { tags, body: SyncInput } }, async (req) => ({ results: await desk.sync(actorOf(req), req.body.items) }));

  app.post('/api/nat/desk/bags', { schema: { tags, body: BagOpenInput } }, (req) => desk.openBag(actorOf(req), req.body));
  app.get('/api/nat/desk/sites/:id/bags', { schema: { tags, params: IdParams } }, (req) => desk.siteBags(actorOf(req), req.params.id));
  app.get('/api/nat/desk/bags/:id', { schema: { tags, params: IdParams } }, (req) => desk.bag(actorOf(req), req.params.id));
  app.post('/api/nat/desk/bags/:id/tubes', { schema: { tags, params: IdParams, body: BagAddInput } }, (req) =>
    desk.addTubeToBag(actorOf(req), req.params.id, req.body.tubeBarcode));
  app.post('/api/nat/desk/bags/:id/seal', { schema: { tags, params: IdParams } }, (req) => desk.sealBag(actorOf(req), req.params.id));
  app.post('/api/nat/desk/handover', { schema: { tags, body: HandoverInput } }, (req) => desk.handover(actorOf(req), req.body));

  app.post('/api/nat/desk/rounds/:id/door-tasks/generate', { schema: { tags, params: IdParams, body: DoorGenerateInput } }, (req) =>
    desk.generateDoorTasks(actorOf(req), req.params.id, req.body));
  app.post('/api/nat/desk/rounds/:id/door-tasks/assign', { schema: { tags, params: IdParams, body: DoorAssignInput } }, (req) =>
    desk.assignDoorTasks(actorOf(req), req.params.id, req.body));
  app.get('/api/nat/desk/rounds/:id/door-tasks', { schema: { tags, params: IdParams, querystring: MineQuery } }, (req) =>
    desk.doorTasks(actorOf(req), req.params.id, req.query.mine === '1'));
  app.post('/api/nat/desk/rounds/:id/door-tubes', { schema: { tags, params: IdParams, body: DoorTubeInput } }, (req) =>
    desk.openDoorTube(actorOf(req), req.params.id, req.body));
  app.post('/api/nat/desk/door-tasks/:id/scan', { schema: { tags, params: IdParams, body: DoorScanInput } }, (req) =>
    desk.doorScan(actorOf(req), req.params.id, req.body));
  app.post('/api/nat/desk/door-tasks/:id/outcome', { schema: { tags, params: IdParams, body: DoorOutcomeInput } }, (req) =>
    desk.doorOutcome(actorOf(req), req.params.id, req.body));
}
