import type { AssignmentPolicy } from '@/shared/api/types';

// How new or transferred tickets of a department get an assignee.
export const ASSIGNMENT_POLICIES: AssignmentPolicy[] = ['manual', 'round_robin', 'least_loaded', 'skill_match'];
