-- How a service may safely reach the person (issue 18): safe to call, best times,
-- voicemail, safe to write, a safe word or name. Kept beside the contact details, with
-- the same consent, and sent only sealed to the referral desk's key.
ALTER TABLE signposting_contact ADD COLUMN safety TEXT NOT NULL DEFAULT '{}';
