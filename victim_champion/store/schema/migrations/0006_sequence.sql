-- The next outbox sequence number lives in its own row. It only ever goes up: it is never
-- derived from what retention left in the outbox (a purge used to restart numbering at 1,
-- and the hub refused every later record as a clash).
INSERT INTO sync_state (key, value)
SELECT 'next_device_seq', CAST(COALESCE(MAX(device_seq), 0) + 1 AS TEXT) FROM outbox
WHERE true
ON CONFLICT (key) DO NOTHING;
