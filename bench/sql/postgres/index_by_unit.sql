-- index_by_unit.sql - the service index (twelve indicators, group scores,
-- total score, rank) for every direct child of the province (its whole
-- subtree) and for the province itself (the total row), for one calendar
-- month, in plain SQL for PostgreSQL 15:
-- the same query as bench/sql/index_by_unit.sql (SQLite), whose header
-- maps every figure to motcua's definitions, in this engine's dialect
-- (counts with FILTER, the JSON text read with jsonb_array_elements).
--
-- Parameters: :from and :to, the period's first and last day as day
-- numbers since 1970-01-01, substituted as text (psql variables; the
-- DuckDB runner replaces them the same way). Local (UTC+7) day of a time
-- t: (t + 25200) / 86400.
-- Scores from the tables index_rules and index_rule_set, rates and
-- points in integer hundredths (integer division of bigint: sums, which
-- are numeric here, are cast back). Output: one line per figure - key,
-- name, three values - as the SQLite header describes.
WITH RECURSIVE
root AS (SELECT code FROM units WHERE parent IS NULL),
line(unit, key) AS (
	SELECT code, code FROM units WHERE parent = (SELECT code FROM root)
	UNION ALL
	SELECT u.code, l.key FROM units u JOIN line l ON u.parent = l.unit
),
-- a subtree's units: every line's, and every unit for the province
sub(key, unit, level) AS (
	SELECT l.key, u.code, u.level FROM line l JOIN units u ON u.code = l.unit
	UNION ALL
	SELECT (SELECT code FROM root), code, level FROM units
),
keys AS (SELECT code AS key, valid_from, valid_to FROM units
	 WHERE parent = (SELECT code FROM root) OR parent IS NULL),
d AS (
	SELECT coalesce(l.key, x.unit_code) AS key, x.procedure_code AS proc,
	       CASE WHEN x.received_at IS NOT NULL AND x.status NOT IN (1, 3)
		    THEN (x.received_at + 25200) / 86400 END AS acc,
	       CASE WHEN x.status IN (7, 8, 9, 10)
		    THEN (x.finished_at + 25200) / 86400 END AS fin,
	       (x.due_at + 25200) / 86400 AS due,
	       CASE WHEN x.supplement_open = 1 THEN
		(((x.supplements::jsonb)->-1->>0)::bigint + 25200) / 86400 END AS paused,
	       x.status, x.channel, x.applicant_kind, x.verified, x.digitized,
	       x.paid_online, x.components, x.fees, x.results, x.supplements
	FROM dossiers x LEFT JOIN line l ON l.unit = x.unit_code
	WHERE l.key IS NOT NULL OR x.unit_code = (SELECT code FROM root)
),
e AS (
	SELECT key, proc, status, channel, applicant_kind, verified, paid_online,
	       acc BETWEEN :from AND :to AS rec,
	       status IN (9, 10) AND fin BETWEEN :from AND :to AS done,
	       acc <= :to AND (fin IS NULL OR fin > :to) AS open,
	       fin, due, paused, digitized, components, results, supplements,
	       CASE WHEN acc BETWEEN :from AND :to THEN
		 (SELECT coalesce(sum((f->>'amount')::bigint), 0)
		  FROM jsonb_array_elements(fees::jsonb) f) END AS fee
	FROM d
),
-- per line and procedure: the dossier counts
kp AS (
	SELECT key, proc,
	 count(*) FILTER (WHERE rec) AS received,
	 count(*) FILTER (WHERE rec AND channel = 2) AS online,
	 count(*) FILTER (WHERE rec AND fee > 0) AS fee,
	 count(*) FILTER (WHERE rec AND fee > 0 AND paid_online <> 0) AS fee_online,
	 count(*) FILTER (WHERE rec AND CASE WHEN jsonb_array_length(components::jsonb) = 0
		THEN digitized <> 0
		ELSE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(components::jsonb) c
			WHERE ((c->>'flags')::int & 1) = 0) END) AS digitized,
	 count(*) FILTER (WHERE rec AND EXISTS (SELECT 1 FROM jsonb_array_elements(components::jsonb) c
			WHERE ((c->>'flags')::int & 6) <> 0)) AS reused,
	 count(*) FILTER (WHERE rec AND applicant_kind = 1) AS citizen,
	 count(*) FILTER (WHERE rec AND applicant_kind = 1 AND verified <> 0) AS verified,
	 count(*) FILTER (WHERE done) AS resolved,
	 count(*) FILTER (WHERE done AND EXISTS (SELECT 1 FROM jsonb_array_elements(results::jsonb) r
			WHERE coalesce(r->>'url', '') <> '')) AS e_result,
	 count(*) FILTER (WHERE done OR open) AS handled,
	 count(*) FILTER (WHERE done AND fin <= due AND jsonb_array_length(supplements::jsonb) < 2) +
	 count(*) FILTER (WHERE open AND NOT coalesce(due < :to AND (paused IS NULL OR paused > :to), false) AND NOT (jsonb_array_length(supplements::jsonb) >= 2
		AND (((supplements::jsonb)->1->>0)::bigint + 25200) / 86400 <= :to)) AS good
	FROM e GROUP BY key, proc
),
-- the same per procedure for the province: every line's
kpt AS (
	SELECT key, proc, received, online, fee, fee_online, digitized, reused,
	       citizen, verified, resolved, e_result, handled, good FROM kp
	UNION ALL
	SELECT (SELECT code FROM root), proc, sum(received), sum(online),
	       sum(fee), sum(fee_online), sum(digitized), sum(reused),
	       sum(citizen), sum(verified), sum(resolved), sum(e_result),
	       sum(handled), sum(good)
	FROM kp GROUP BY proc
),
p AS (
	SELECT code, (online_level <> 0)::int AS online,
	       ((SELECT coalesce(sum((f->>'amount')::bigint), 0)
		 FROM jsonb_array_elements(fees::jsonb) f) > 0)::int AS paying
	FROM procedures
),
offer AS (
	SELECT o.procedure_code AS proc, nullif(o.unit_code, '') AS unit, o.level
	FROM procedure_offers o
	WHERE o.unit_code = '' OR o.unit_code IN (SELECT code FROM units)
),
offered AS (
	SELECT k.key, p.code AS proc, p.online, p.paying
	FROM keys k, p
	WHERE CASE WHEN EXISTS (SELECT 1 FROM offer o WHERE o.proc = p.code)
	      THEN EXISTS (SELECT 1 FROM offer o JOIN sub s ON s.key = k.key
			   AND (s.unit = o.unit OR (o.unit IS NULL AND s.level = o.level))
			   WHERE o.proc = p.code)
	      ELSE EXISTS (SELECT 1 FROM kpt WHERE kpt.key = k.key
			   AND kpt.proc = p.code) END
),
procs AS (
	SELECT o.key,
	 sum(o.online) AS online_offered,
	 count(*) FILTER (WHERE o.online = 1 AND coalesce(t.online, 0) > 0) AS online_used,
	 sum(o.paying) AS paying_offered,
	 count(*) FILTER (WHERE o.paying = 1 AND coalesce(t.fee_online, 0) > 0) AS paying_used
	FROM offered o LEFT JOIN kpt t ON t.key = o.key AND t.proc = o.proc
	GROUP BY o.key
),
c AS (
	SELECT key, sum(received) AS received, sum(online) AS online,
	       sum(fee) AS fee, sum(fee_online) AS fee_online,
	       sum(digitized) AS digitized, sum(reused) AS reused,
	       sum(citizen) AS citizen, sum(verified) AS verified,
	       sum(resolved) AS resolved, sum(e_result) AS e_result,
	       sum(handled) AS handled, sum(good) AS good
	FROM kpt GROUP BY key
),
-- ratings and feedback are read by instant: from local midnight of the
-- first day to the last second of the last
span AS (SELECT :from * 86400 - 25200 AS lo, (:to + 1) * 86400 - 25201 AS hi),
-- dossiers complained about in the period, each once, in their unit's
-- subtree
complaint AS (
	SELECT s.key, count(*) AS complained
	FROM (SELECT dossier_code AS code FROM ratings, span
	      WHERE rating = 3 AND "at" BETWEEN lo AND hi
	      UNION
	      SELECT dossier_code FROM feedback, span
	      WHERE received_at BETWEEN lo AND hi) x
	JOIN dossiers d ON d.code = x.code
	JOIN sub s ON s.unit = d.unit_code
	GROUP BY s.key
),
fb AS (
	SELECT s.key, count(*) AS received,
	 count(*) FILTER (WHERE f.answered_at - f.received_at <=
			  r.feedback_days * 86400) AS in_time
	FROM feedback f JOIN sub s ON s.unit = f.unit_code, span, index_rule_set r
	WHERE f.received_at BETWEEN lo AND hi
	GROUP BY s.key
),
pub AS (
	SELECT o.key, count(*) AS decided,
	 count(*) FILTER (WHERE x.publicized <= coalesce(x.effective, x.decided))
	   AS on_time
	FROM offered o JOIN procedure_publication x ON x.procedure_code = o.proc
	WHERE x.decided <= :to
	GROUP BY o.key
),
-- the rows shown, with every figure
shown AS (
	SELECT k.key, k.key = (SELECT code FROM root) AS total,
	 coalesce(c.online, 0) AS online, coalesce(c.received, 0) AS received,
	 coalesce(c.fee_online, 0) AS fee_online, coalesce(c.fee, 0) AS fee,
	 coalesce(c.digitized, 0) AS digitized, coalesce(c.reused, 0) AS reused,
	 coalesce(c.e_result, 0) AS e_result, coalesce(c.resolved, 0) AS resolved,
	 coalesce(c.verified, 0) AS verified, coalesce(c.citizen, 0) AS citizen,
	 coalesce(p.online_used, 0) AS online_used,
	 coalesce(p.online_offered, 0) AS online_offered,
	 coalesce(p.paying_used, 0) AS paying_used,
	 coalesce(p.paying_offered, 0) AS paying_offered,
	 coalesce(c.good, 0) AS good, coalesce(c.handled, 0) AS handled,
	 CASE WHEN coalesce(c.good, 0) > coalesce(x.complained, 0)
	      THEN coalesce(c.good, 0) - coalesce(x.complained, 0) ELSE 0 END
	   AS satisfied,
	 coalesce(f.in_time, 0) AS fb_in_time, coalesce(f.received, 0) AS fb,
	 coalesce(u.on_time, 0) AS pub_on_time, coalesce(u.decided, 0) AS decided
	FROM keys k LEFT JOIN c ON c.key = k.key LEFT JOIN procs p ON p.key = k.key
	LEFT JOIN complaint x ON x.key = k.key LEFT JOIN fb f ON f.key = k.key
	LEFT JOIN pub u ON u.key = k.key
	WHERE k.key = (SELECT code FROM root) OR coalesce(c.handled, 0) > 0
	   OR ((k.valid_from IS NULL OR k.valid_from <= :to) AND
	       (k.valid_to IS NULL OR k.valid_to >= :from))
),
ind(key, total, handled, name, num, den) AS (
	SELECT key, total, handled, 'online_dossiers', online, received FROM shown
	UNION ALL SELECT key, total, handled, 'online_payment', fee_online, fee FROM shown
	UNION ALL SELECT key, total, handled, 'digitized_components', digitized, received FROM shown
	UNION ALL SELECT key, total, handled, 'electronic_results', e_result, resolved FROM shown
	UNION ALL SELECT key, total, handled, 'data_reuse', reused, received FROM shown
	UNION ALL SELECT key, total, handled, 'population_data', verified, citizen FROM shown
	UNION ALL SELECT key, total, handled, 'online_services_with_dossiers', online_used, online_offered FROM shown
	UNION ALL SELECT key, total, handled, 'paying_procedures_with_online_payment', paying_used, paying_offered FROM shown
	UNION ALL SELECT key, total, handled, 'on_time', good, handled FROM shown
	UNION ALL SELECT key, total, handled, 'satisfaction', satisfied, handled FROM shown
	UNION ALL SELECT key, total, handled, 'feedback_on_time', fb_in_time, fb FROM shown
	UNION ALL SELECT key, total, handled, 'publication_on_time', pub_on_time, decided FROM shown
),
-- rates in hundredths of a percent rounded half up (report_rate); points
-- in hundredths of a point (index_rule_points)
-- (sum() of bigint is numeric here: back to bigint for integer division)
rated AS (
	SELECT i.*, CASE WHEN den > 0 THEN (num * 20000 + den) / (2 * den) END AS rate
	FROM (SELECT key, total, handled, name, num::bigint AS num,
		     den::bigint AS den FROM ind) i
),
points AS (
	SELECT r.key, r.total, r.handled, u.grp,
	 CASE WHEN r.rate IS NULL THEN CASE WHEN s.undefined_full <> 0
					    THEN u.points ELSE 0 END
	      WHEN r.rate >= u.threshold THEN u.points
	      ELSE (2 * u.points * r.rate + u.threshold) / (2 * u.threshold) END
	   AS points
	FROM rated r JOIN index_rules u ON u.indicator = r.name, index_rule_set s
),
scored AS (
	SELECT key, total, handled, sum(points) AS score FROM points
	GROUP BY key, total, handled
),
ranked AS (
	SELECT key, score, CASE WHEN NOT total AND handled >= 30 THEN
	 rank() OVER (PARTITION BY NOT total AND handled >= 30
		      ORDER BY score DESC) END AS rank
	FROM scored
)
SELECT key, name, num, den, rate FROM rated
UNION ALL
SELECT key, 'groups.' || grp, sum(points), NULL, NULL FROM points GROUP BY key, grp
UNION ALL
SELECT key, 'score', score, NULL, NULL FROM ranked
UNION ALL
SELECT key, 'rank', rank, NULL, NULL FROM ranked
ORDER BY 1, 2;
