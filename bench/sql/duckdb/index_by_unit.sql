-- index_by_unit.sql - the service index's indicators for every direct
-- child of the province (its whole subtree) and for the province itself
-- (the total row), for one calendar month, in plain SQL for DuckDB:
-- the same query as bench/sql/index_by_unit.sql (SQLite), whose header
-- maps every figure to motcua's definitions, in this engine's dialect
-- (counts with FILTER, the JSON text read with from_json).
--
-- Parameters: :from and :to, the period's first and last day as day
-- numbers since 1970-01-01, substituted as text (psql variables; the
-- DuckDB runner replaces them the same way). Local (UTC+7) day of a time
-- t: (t + 25200) // 86400.
-- Output: key, then numerator and denominator of online_dossiers,
-- online_payment, digitized_components, electronic_results, data_reuse,
-- population_data, online_services_with_dossiers,
-- paying_procedures_with_online_payment and on_time, ordered by key.
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
		    THEN (x.received_at + 25200) // 86400 END AS acc,
	       CASE WHEN x.status IN (7, 8, 9, 10)
		    THEN (x.finished_at + 25200) // 86400 END AS fin,
	       (x.due_at + 25200) // 86400 AS due,
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
	       fin, due, digitized, results,
	       from_json(components, '[{"flags":"BIGINT"}]') AS comp,
	       from_json(supplements, '[["BIGINT"]]') AS supp,
	       coalesce(list_sum(list_transform(from_json(fees, '[{"amount":"BIGINT"}]'),
		 lambda f: f.amount)), 0) AS fee
	FROM d
),
-- per line and procedure: the dossier counts
kp AS (
	SELECT key, proc,
	 count(*) FILTER (WHERE rec) AS received,
	 count(*) FILTER (WHERE rec AND channel = 2) AS online,
	 count(*) FILTER (WHERE rec AND fee > 0) AS fee,
	 count(*) FILTER (WHERE rec AND fee > 0 AND paid_online <> 0) AS fee_online,
	 count(*) FILTER (WHERE rec AND CASE WHEN len(comp) = 0 THEN digitized <> 0
		ELSE len(list_filter(comp, lambda c: (c.flags & 1) = 0)) = 0 END) AS digitized,
	 count(*) FILTER (WHERE rec AND len(list_filter(comp, lambda c: (c.flags & 6) <> 0)) > 0) AS reused,
	 count(*) FILTER (WHERE rec AND applicant_kind = 1) AS citizen,
	 count(*) FILTER (WHERE rec AND applicant_kind = 1 AND verified <> 0) AS verified,
	 count(*) FILTER (WHERE done) AS resolved,
	 count(*) FILTER (WHERE done AND len(list_filter(
		from_json(results, '[{"url":"VARCHAR"}]'),
		lambda r: coalesce(r.url, '') <> '')) > 0) AS e_result,
	 count(*) FILTER (WHERE done OR open) AS handled,
	 count(*) FILTER (WHERE done AND fin <= due AND len(supp) < 2) +
	 count(*) FILTER (WHERE open AND due >= :to AND NOT (len(supp) >= 2
		AND (supp[2][1] + 25200) // 86400 <= :to)) AS good
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
	       (coalesce(list_sum(list_transform(from_json(fees, '[{"amount":"BIGINT"}]'),
		 lambda f: f.amount)), 0) > 0)::int AS paying
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
)
SELECT k.key,
       coalesce(c.online, 0), coalesce(c.received, 0),
       coalesce(c.fee_online, 0), coalesce(c.fee, 0),
       coalesce(c.digitized, 0), coalesce(c.received, 0),
       coalesce(c.e_result, 0), coalesce(c.resolved, 0),
       coalesce(c.reused, 0), coalesce(c.received, 0),
       coalesce(c.verified, 0), coalesce(c.citizen, 0),
       coalesce(p.online_used, 0), coalesce(p.online_offered, 0),
       coalesce(p.paying_used, 0), coalesce(p.paying_offered, 0),
       coalesce(c.good, 0), coalesce(c.handled, 0)
FROM keys k LEFT JOIN c ON c.key = k.key LEFT JOIN procs p ON p.key = k.key
WHERE coalesce(c.handled, 0) > 0
   OR ((k.valid_from IS NULL OR k.valid_from <= :to) AND
       (k.valid_to IS NULL OR k.valid_to >= :from))
ORDER BY k.key;
