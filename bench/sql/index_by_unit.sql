-- index_by_unit.sql - the service index's indicators for every direct
-- child of the province (its whole subtree) and for the province itself
-- (the total row), for one calendar month, in plain SQL over the dossier
-- table: the independent check of `motcua index --by unit --format json`
-- and the speed baseline. SQLite dialect.
--
-- Parameters: @from and @to, the period's first and last day as day
-- numbers since 1970-01-01. Local (UTC+7) day of a time t:
-- (t + 25200) / 86400. Everything is read from the stored JSON text and
-- the catalogue, not from motcua's precomputed columns (fee_total,
-- all_digitized, any_reused, has_e_result, supplement_count).
--
-- The definitions, as src/core/report.c (report_contributions,
-- index_facts), src/core/index.c and src/app/index.c, index_ctx.c give
-- them:
--   received     accepted in the period: received_at set, status not 1
--                (registered) or 3 (not accepted), local day in [from, to]
--   online_dossiers        received with channel 2 / received
--   online_payment         received with fees summing above 0 and paid
--                          online (paid_online <> 0) / received with fees > 0
--   digitized_components   received with every component's flag bit 0
--                          set (no components: the dossier's digitized
--                          flag) / received
--   electronic_results     finished (status 9, 10) in the period with a
--                          result whose url is not empty / finished
--   data_reuse             received with a component reused or from the
--                          national store (flag bit 1 or 2) / received
--   population_data        received, applicant a citizen (kind 1),
--                          verified / received from citizens
--   online_services_with_dossiers   procedures with online_level <> 0
--                          offered in the subtree with a dossier received
--                          online in the period / those offered
--   paying_procedures_with_online_payment   procedures whose catalogue
--                          fees sum above 0, offered, with a received
--                          dossier of the subtree counted in
--                          online_payment's numerator / those offered
--   on_time                handled = finished (9, 10) in the period +
--                          accepted by the end and not ended by it (any
--                          status; stopped or withdrawn later included);
--                          in time = finished on or before the due day,
--                          or open and due on or after the last day, and
--                          in both cases not after a second supplement
--                          request (finished with 2+ rounds; open with
--                          the second round requested by the last day)
-- "Offered": a procedure with rows in procedure_offers is offered in a
-- subtree holding a listed unit, or a unit of a listed level (rows with
-- an unknown unit are ignored); a procedure without any is offered where
-- the subtree has any dossier of it, of any status and time.
-- A child that does not serve in the period (units.valid_from/valid_to,
-- days) and handled nothing has no row, as in motcua.
--
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
		    THEN (x.received_at + 25200) / 86400 END AS acc,
	       CASE WHEN x.status IN (7, 8, 9, 10)
		    THEN (x.finished_at + 25200) / 86400 END AS fin,
	       (x.due_at + 25200) / 86400 AS due,
	       x.status, x.channel, x.applicant_kind, x.verified, x.digitized,
	       x.paid_online, x.components, x.fees, x.results, x.supplements
	FROM dossiers x LEFT JOIN line l ON l.unit = x.unit_code
	WHERE l.key IS NOT NULL OR x.unit_code = (SELECT code FROM root)
),
e AS (
	SELECT key, proc, status, channel, applicant_kind, verified, paid_online,
	       acc BETWEEN @from AND @to AS rec,
	       status IN (9, 10) AND fin BETWEEN @from AND @to AS done,
	       acc <= @to AND (fin IS NULL OR fin > @to) AS open,
	       fin, due, digitized, components, fees, results, supplements
	FROM d
),
-- per line and procedure: the dossier counts
kp AS (
	SELECT key, proc,
	 sum(rec) AS received,
	 sum(rec AND channel = 2) AS online,
	 sum(rec AND (SELECT total(json_extract(f.value, '$.amount'))
		      FROM json_each(fees) f) > 0) AS fee,
	 sum(rec AND paid_online <> 0 AND
	     (SELECT total(json_extract(f.value, '$.amount'))
	      FROM json_each(fees) f) > 0) AS fee_online,
	 sum(rec AND CASE WHEN json_array_length(components) = 0 THEN digitized
		     ELSE NOT EXISTS (SELECT 1 FROM json_each(components) c
			WHERE (json_extract(c.value, '$.flags') & 1) = 0) END)
	   AS digitized,
	 sum(rec AND EXISTS (SELECT 1 FROM json_each(components) c
			     WHERE (json_extract(c.value, '$.flags') & 6) <> 0))
	   AS reused,
	 sum(rec AND applicant_kind = 1) AS citizen,
	 sum(rec AND applicant_kind = 1 AND verified <> 0) AS verified,
	 sum(done) AS resolved,
	 sum(done AND EXISTS (SELECT 1 FROM json_each(results) r
		WHERE coalesce(json_extract(r.value, '$.url'), '') <> '')) AS e_result,
	 sum(done) + sum(open) AS handled,
	 sum(done AND fin <= due AND json_array_length(supplements) < 2) +
	 sum(open AND due >= @to AND NOT (json_array_length(supplements) >= 2 AND
	     (json_extract(supplements, '$[1][0]') + 25200) / 86400 <= @to))
	   AS good
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
	SELECT code, online_level <> 0 AS online,
	       (SELECT total(json_extract(f.value, '$.amount'))
		FROM json_each(fees) f) > 0 AS paying
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
	 sum(o.online AND coalesce(t.online, 0) > 0) AS online_used,
	 sum(o.paying) AS paying_offered,
	 sum(o.paying AND coalesce(t.fee_online, 0) > 0) AS paying_used
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
   OR ((k.valid_from IS NULL OR k.valid_from <= @to) AND
       (k.valid_to IS NULL OR k.valid_to >= @from))
ORDER BY k.key;
