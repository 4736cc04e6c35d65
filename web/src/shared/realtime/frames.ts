// Frames of the agent socket (docs/realtime.md). Hand-written: the OpenAPI document does
// not cover WebSocket messages.

export type PresenceState = 'viewing' | 'replying' | 'left';

export interface PresenceAgent {
  user_id: number;
  name: string;
  state: Exclude<PresenceState, 'left'>;
}

export type TicketEventName =
  | 'ticket.created'
  | 'ticket.updated'
  | 'ticket.transferred'
  | 'ticket.merged'
  | 'ticket.linked'
  | 'message.created';

export interface TicketFrame {
  type: 'ticket';
  event: TicketEventName;
  ticket_id: number;
  number: string;
  version: number;
  status: string;
  priority: string;
  assignee_id: number | null;
  department_id: number | null;
  merged_into_id: number | null;
  actor_id: number | null;
  at: string;
  changed_fields?: string[];
  message_kind?: string;
}

export interface AssignedFrame {
  type: 'assigned';
  ticket_id: number;
  number: string;
  subject: string;
  priority: string;
  actor_id: number | null;
}

export interface CustomerFrame {
  type: 'customer';
  event: string;
  customer_id: number;
  at: string;
}

export interface PresenceFrame {
  type: 'presence';
  ticket_id: number;
  agents: PresenceAgent[];
}

export interface ReadyFrame {
  type: 'ready';
  user_id: number;
  expires_at: string | null;
}

export interface ErrorFrame {
  type: 'error';
  error: { code: string; message: string; details: Array<{ field: string; issue: string }> };
}

export type ServerFrame =
  | TicketFrame
  | AssignedFrame
  | CustomerFrame
  | PresenceFrame
  | ReadyFrame
  | ErrorFrame
  | { type: 'pong' };

// Close codes with a meaning for the client.
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_DEACTIVATED = 4403;
