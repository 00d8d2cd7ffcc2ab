"""The audit log: one entry per state change, with an action code (as pretix and Zulip keep
theirs), the actor, the time, the object and the change's data. The services write it
(log.log_action) in the change's own transaction; nothing else does, and nothing rewrites it."""
