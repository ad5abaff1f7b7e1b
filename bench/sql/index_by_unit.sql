-- index_by_unit.sql - the service index for every direct child of the
-- province (its whole subtree) and for the province itself (the total
-- row), for one calendar month, in plain SQL over the dossier, rating,
-- feedback and publication tables: the twelve indicators, the six group
-- scores, the total score and the rank, the independent check of `motcua
-- index --by unit --min-dossiers 30 --format json` and the speed
-- baseline. SQLite dialect.
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
--                          or open and not overdue on the last day (due
--                          on or after it, or waiting since then on a
--                          supplement request still open), and
--                          in both cases not after a second supplement
--                          request (finished with 2+ rounds; open with
--                          the second round requested by the last day)
--   satisfaction           in time (on_time's numerator) less the
--                          dossiers complained about, floored at 0 /
--                          handled. Complained about: a dossier of the
--                          subtree (by its unit) with a dissatisfied
--                          rating (3) or a feedback item naming it, either
--                          in the period, counted once; whether it was
--                          handled in the period or not (as
--                          store_feedback_counts counts it)
--   feedback_on_time       feedback to a unit of the subtree received in
--                          the period and answered at most feedback_days
--                          (the rule set's) * 86400 seconds later /
--                          feedback received in the period
--   publication_on_time    procedures offered in the subtree with a
--                          decision on or before the last day, publicized
--                          on or before the effective day (the decision
--                          day when none) / those decided
--   Ratings and feedback are taken by instant, from local midnight of the
--   first day (@from * 86400 - 25200) to the last second of the last.
-- "Offered": a procedure with rows in procedure_offers is offered in a
-- subtree holding a listed unit, or a unit of a listed level (rows with
-- an unknown unit are ignored); a procedure without any is offered where
-- the subtree has any dossier of it, of any status and time.
-- A child that does not serve in the period (units.valid_from/valid_to,
-- days) and handled nothing has no row, as in motcua.
--
-- Scores, as src/core/index.c index_score and index_rule_points: the rule
-- set in force on the period's last day - for month:2026-10 the one set
-- of data/index-rules.json, "766/QĐ-TTg" from 2022-06-23: transparency
-- 18 (publication_on_time 18 at 100%), progress 20 (on_time 20 at 100%),
-- online_service 12 (online_dossiers 8 at 50%,
-- online_services_with_dossiers 4 at 100%), online_payment 10
-- (online_payment 6 at 45%, paying_procedures_with_online_payment 4 at
-- 100%), digitization 22 (digitized_components 8 at 80%,
-- electronic_results 6 at 100%, data_reuse 4 at 80%, population_data 4
-- at 100%), satisfaction 18 (satisfaction 14 at 90%, feedback_on_time 4
-- at 100%), a 0/0 indicator earning full points, feedback in time within
-- 10 days. They are not written here but read from the tables
-- index_rules (indicator, grp, points in hundredths of a point, threshold
-- in hundredths of a percent) and index_rule_set (undefined_full,
-- feedback_days), which bench/index_inputs.mjs writes from that file.
--   rate      hundredths of a percent, rounded half up:
--             (num * 20000 + den) / (2 * den); null when den is 0
--   points    hundredths of a point per indicator: full at or above the
--             threshold, else (2 * points * rate + threshold) /
--             (2 * threshold), i.e. points * rate / threshold rounded half
--             up; a null rate: full points (undefined_full) or 0
--   groups    the sum of their indicators' points; score: the sum of all
--   rank      standard competition rank on the score among the child
--             rows handling at least 30 dossiers (on_time's denominator,
--             motcua's --min-dossiers); null for the others and the total
-- motcua prints rates and scores with two decimals (hundredths / 100,
-- io/index_json.c); bench/run.sh reads them back as hundredths, so the
-- comparison is exact integers.
--
-- Output: one line per figure, ordered: key, name, then
--   for each indicator (name as in motcua): numerator, denominator, rate
--   'groups.' || group: score, null, null
--   'score': the total score, null, null
--   'rank': the rank (null when unranked), null, null
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
		(json_extract(x.supplements, '$[#-1][0]') + 25200) / 86400 END AS paused,
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
	       fin, due, paused, digitized, components, fees, results, supplements
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
	 sum(open AND NOT coalesce(due < @to AND (paused IS NULL OR paused > @to), 0) AND NOT (json_array_length(supplements) >= 2 AND
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
),
-- ratings and feedback are read by instant: from local midnight of the
-- first day to the last second of the last
span AS (SELECT @from * 86400 - 25200 AS lo, (@to + 1) * 86400 - 25201 AS hi),
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
	WHERE x.decided <= @to
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
	   OR ((k.valid_from IS NULL OR k.valid_from <= @to) AND
	       (k.valid_to IS NULL OR k.valid_to >= @from))
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
rated AS (
	SELECT i.*, CASE WHEN den > 0 THEN (num * 20000 + den) / (2 * den) END AS rate
	FROM ind i
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
