// Wire types generated from docs/api/openapi.json (`npm run gen:api`); this file gives
// them short names. A test keeps schema.d.ts in step with the document.
import type { components } from './schema';

type Schemas = components['schemas'];
export type Id = Schemas['Id'];
export type Ticket = Schemas['Ticket'];
export type TicketPage = Schemas['TicketPage'];
export type TicketStatus = Schemas['TicketStatus'];
export type Priority = Schemas['Priority'];
export type Channel = Schemas['Channel'];
export type TicketPatch = Schemas['TicketPatch'];
export type TicketCreate = Schemas['TicketCreate'];
export type TicketCounts = Schemas['TicketCounts'];
export type StatusCounts = Schemas['StatusCounts'];
export type Message = Schemas['Message'];
export type MessageCreate = Schemas['MessageCreate'];
export type MessageCreated = Schemas['MessageCreated'];
export type TicketEvent = Schemas['Event'];
export type BulkChanges = Schemas['BulkChanges'];
export type BulkResult = Schemas['BulkResult'];
export type Customer = Schemas['Customer'];
export type CustomerPage = Schemas['CustomerPage'];
export type CustomerPatch = Schemas['CustomerPatch'];
export type CustomerCreate = Schemas['CustomerCreate'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type User = Schemas['User'];
export type Me = Schemas['Me'];
export type Session = Schemas['Session'];
export type Permission = Schemas['Permission'];
export type Department = Schemas['Department'];
export type Category = Schemas['Category'];
export type Presence = Schemas['Presence'];
export type ErrorCode = Schemas['ErrorCode'];
export type FieldError = Schemas['FieldError'];
export type Attachment = Schemas['Attachment'];
export type TicketLink = Schemas['TicketLink'];
