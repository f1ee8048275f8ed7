-- The manual-review queue of a lender. An application the machine sent to review waits
-- here; an officer claims it and decides with a reason. Approvals above the product's
-- threshold need a second officer (maker-checker): the first approval is kept on the task.
create table review_tasks (
  id uuid primary key,
  application_id uuid not null unique references loan_applications (id),
  lender_organisation_id uuid not null references organisations (id),
  reason text not null check (reason in ('policy', 'human_requested')),
  status text not null check (status in ('open', 'claimed', 'awaiting_second', 'done')),
  claimed_by uuid references users (id),
  claimed_at timestamptz,
  first_approval_by uuid references users (id),
  first_approval jsonb,
  created_at timestamptz not null,
  done_at timestamptz
);
create index review_tasks_queue_idx on review_tasks (lender_organisation_id, status, created_at);
