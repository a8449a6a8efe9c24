import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { maskPhone } from '../../platform/id-number.ts';
import type { Actor } from '../../platform/policy.ts';
import type { BatchView, DispatchMemberView } from './dispatch.schema.ts';
import { figuresOf, type BatchJoinedRow, type MemberJoinedRow } from './dispatch.repository.ts';
import type { AssignmentKind } from './mobilization.schema.ts';

export interface MobilizationDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

/** Public pages write as this actor; the audit log shows 'public' with no account. */
export const PUBLIC_ACTOR: Actor = {
  accountId: '', username: 'public', displayName: '公众', role: 'resident', nodeId: null, nodePath: null, unitId: null,
};

export function batchView(r: BatchJoinedRow): BatchView {
  return {
    id: r.id, unitId: r.unit_id, unitName: r.unit_name, nodeId: r.node_id, nodeName: r.node_name, batchNo: r.batch_no,
    name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, note: r.note, figures: figuresOf(r),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function memberView(r: MemberJoinedRow, cipher: FieldCipher): DispatchMemberView {
  return {
    id: r.id, batchId: r.batch_id, batchName: r.batch_name, batchNo: r.batch_no, personId: r.person_id, personName: r.person_name,
    politicalStatus: r.political_status, phoneMasked: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
    unitId: r.unit_id, unitName: r.unit_name, nodeId: r.node_id, nodeName: r.node_name, startsOn: r.starts_on, endsOn: r.ends_on,
    status: r.assignment_kind ? 'assigned' : r.reported_at ? 'reported' : 'expected',
    reportedAt: r.reported_at, reportMethod: (r.report_method as 'qr' | 'confirm' | null) ?? null,
    reportedNodeId: r.reported_node_id, reportedNodeName: r.reported_node_name,
    assignment: r.assignment_kind && r.assignment_id
      ? { kind: r.assignment_kind as AssignmentKind, id: r.assignment_id, name: r.assignment_name, at: r.assigned_at }
      : null,
  };
}
