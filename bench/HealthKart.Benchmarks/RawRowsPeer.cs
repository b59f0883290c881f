using System.Globalization;
using DuckDB.NET.Data;

namespace HealthKart.Benchmarks;

/// <summary>
/// The peer of the new-filter pair: DuckDB (in process, in memory, both cores) over the RAW simulated rows, as a
/// pandas notebook would hold them (one row per tracking row and per post, a resolved platform and signed net
/// orders and revenue added per row), not over our facts. Spend is allocated once at load, in SQL, by the rule of
/// docs (order basis: over the influencer's sale groups by net orders; post basis: equally over their posts; both
/// within the payout's month and campaign; largest remainder in paise; nothing to spread over: undated). Then each
/// dashboard state filters the raw rows once and computes the dashboard's figures from them.
/// </summary>
public sealed class RawRowsPeer : IDisposable
{
    private readonly DuckDBConnection _connection;

    private RawRowsPeer(DuckDBConnection connection) => _connection = connection;

    public string Version => _connection.Scalar("SELECT version()")?.ToString() ?? "?";

    public long TrackingRows =>
        Convert.ToInt64(_connection.Scalar("SELECT COUNT(*) FROM tracking"), CultureInfo.InvariantCulture);

    public static RawRowsPeer Load(string directory)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var peer = new RawRowsPeer(connection);
        string Csv(string name) => $"read_csv('{Path.Combine(directory, name)}', header = true, all_varchar = true)";
        connection.Execute($"""
            SET threads = 2;
            CREATE TABLE influencers AS
              SELECT upper(ID) AS id, lower(platform) AS platform, follower_count::BIGINT AS followers,
                     CASE WHEN follower_count::BIGINT < 50000 THEN 'Micro'
                         WHEN follower_count::BIGINT < 200000 THEN 'Mid'
                          WHEN follower_count::BIGINT < 500000 THEN 'Macro' ELSE 'Mega' END AS tier
              FROM {Csv("influencers.csv")};
            CREATE TABLE tracking AS
              SELECT t.date::DATE AS day, upper(COALESCE(t.influencer_id, '')) AS inf,
                     (COALESCE(t.influencer_id, '') = '' OR lower(COALESCE(t.source, '')) = 'organic') AS organic,
                     lower(COALESCE(NULLIF(t.source, ''), i.platform, '(unknown)')) AS platform,
                         lower(COALESCE(t.source, '')) AS source,
                     lower(COALESCE(t.campaign, '')) AS campaign, lower(COALESCE(t.product, '')) AS product,
                         lower(COALESCE(t.brand, '')) AS brand,
                     (CASE WHEN t.status IN ('refunded', 'cancelled') THEN -1 ELSE 1 END) * t.orders::BIGINT AS orders,
                     (CASE WHEN t.status IN ('refunded', 'cancelled') THEN -1 ELSE 1 END)
                         * CAST(t.revenue::DECIMAL(18, 2) * 100 AS BIGINT) AS revenue,
                     t.rn
              FROM (SELECT *, row_number() OVER () AS rn FROM {Csv("tracking_data.csv")}) t
              LEFT JOIN influencers i ON i.id = upper(t.influencer_id);
            CREATE TABLE posts AS
              SELECT p.date::DATE AS day, upper(p.influencer_id) AS inf, lower(p.platform) AS platform,
                  lower(COALESCE(p.campaign, '')) AS campaign,
                     lower(COALESCE(p.product, '')) AS product, p.reach::BIGINT AS reach,
                         p.likes::BIGINT + p.comments::BIGINT AS engagements, p.rn
              FROM (SELECT *, row_number() OVER () AS rn FROM {Csv("posts.csv")}) p;
            CREATE TABLE payouts AS
              SELECT row_number() OVER () AS pid, upper(influencer_id) AS inf, lower(basis) AS basis,
                     CAST(total_payout::DECIMAL(18, 2) * 100 AS BIGINT) AS amount,
                     CASE WHEN COALESCE(date, '') = '' THEN NULL ELSE date_trunc('month', date::DATE) END AS month,
                     NULLIF(lower(COALESCE(campaign, '')), '') AS campaign
              FROM {Csv("payouts.csv")};
            CREATE TEMP TABLE targets AS
              WITH sale_groups AS (SELECT inf, day, campaign, platform, SUM(orders) AS w, MIN(rn) AS first FROM tracking
                  WHERE NOT organic
                                   GROUP BY inf, day, campaign, product, brand, source, platform),
                   post_groups AS (SELECT inf, day, campaign, platform, COUNT(*) AS w, MIN(rn) AS first FROM posts
                                   GROUP BY inf, day, campaign, product, platform)
              SELECT p.pid, p.amount, g.inf, g.day, g.platform, g.w, g.first
              FROM payouts p JOIN sale_groups g ON g.inf = p.inf AND g.w > 0
                   AND (p.month IS NULL OR date_trunc('month', g.day) = p.month)
                   AND (p.campaign IS NULL OR g.campaign = p.campaign OR g.campaign = '')
              WHERE p.basis = 'order' AND p.amount <> 0
              UNION ALL
              SELECT p.pid, p.amount, g.inf, g.day, g.platform, g.w, g.first
              FROM payouts p JOIN post_groups g ON g.inf = p.inf
                   AND (p.month IS NULL OR date_trunc('month', g.day) = p.month)
                   AND (p.campaign IS NULL OR g.campaign = p.campaign OR g.campaign = '')
              WHERE p.basis = 'post' AND p.amount <> 0;
            CREATE TABLE spend AS
              WITH t AS (SELECT *, SUM(w) OVER (PARTITION BY pid) AS total FROM targets),
                   s AS (SELECT *, (amount::HUGEINT * w) // total AS base, (amount::HUGEINT * w) % total AS rem FROM t),
                   r AS (SELECT *, amount - SUM(base) OVER (PARTITION BY pid) AS remaining,
                                ROW_NUMBER() OVER (PARTITION BY pid ORDER BY rem DESC, first) AS k FROM s)
              SELECT inf, day, platform, (base + CASE WHEN k <= remaining THEN 1 ELSE 0 END)::BIGINT AS amount FROM r
              UNION ALL
              SELECT p.inf, NULL, '(unattributed)', p.amount FROM payouts p
              WHERE p.amount <> 0 AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.pid = p.pid);
            DROP TABLE targets;
            """);
        return peer;
    }

    /// <summary>
    /// One dashboard state: the raw rows filtered once, then the overview's figures (summary with the influencer
    /// counts, the influencer table with its score, tiers, weeks), every result row read back. Returns the figures the
    /// check compares.
    /// </summary>
    public PeerFigures Compute(DateOnly? from, DateOnly? to, string? platform)
    {
        var where = new List<string>();
        if (from is { } f)
        {
            where.Add($"day >= DATE '{f:yyyy-MM-dd}'");
        }

        if (to is { } t)
        {
            where.Add($"day <= DATE '{t:yyyy-MM-dd}'");
        }

        if (platform is not null)
        {
            where.Add($"platform = '{platform.ToLowerInvariant().Replace("'", "''", StringComparison.Ordinal)}'");
        }

        var and = string.Concat(where.Select(w => " AND " + w));
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        _connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE fs AS SELECT inf, day, orders, revenue FROM tracking WHERE NOT organic{and};
            CREATE OR REPLACE TEMP TABLE fp AS SELECT inf, day, reach, engagements FROM posts{filter};
            CREATE OR REPLACE TEMP TABLE fx AS SELECT inf, day, amount FROM spend{filter};
            CREATE OR REPLACE TEMP TABLE fi AS
              WITH s AS (SELECT inf, SUM(orders) AS orders, SUM(revenue) AS revenue FROM fs GROUP BY inf),
                   p AS (SELECT inf, COUNT(*) AS posts, SUM(reach) AS reach, SUM(engagements) AS engagements FROM fp
                       GROUP BY inf),
                   x AS (SELECT inf, SUM(amount) AS spend FROM fx GROUP BY inf)
              SELECT inf, COALESCE(orders, 0) AS orders, COALESCE(revenue, 0) AS revenue, COALESCE(spend, 0) AS spend,
                     COALESCE(posts, 0) AS posts, COALESCE(reach, 0) AS reach, COALESCE(engagements, 0) AS engagements
              FROM s FULL JOIN p USING (inf) FULL JOIN x USING (inf)
              WHERE COALESCE(orders, 0) <> 0 OR COALESCE(revenue, 0) <> 0 OR COALESCE(spend, 0) <> 0
                  OR COALESCE(posts, 0) <> 0;
            """);
        var summary = Rows("""
            SELECT SUM(orders)::BIGINT, SUM(revenue)::BIGINT, SUM(spend)::BIGINT, SUM(posts)::BIGINT,
                SUM(reach)::BIGINT, COUNT(*)::BIGINT,
                   (COUNT(*) FILTER (WHERE spend > 0))::BIGINT,
                   (COUNT(*) FILTER (WHERE spend > 0 AND ((revenue - spend) * 100.0 / spend < 50
                       OR revenue * 1.0 / spend < 2)))::BIGINT,
                   (SELECT COALESCE(SUM(amount), 0) FROM fx WHERE day IS NULL)::BIGINT
            FROM fi
            """).Single();
        var influencers = Rows("""
            WITH k AS (SELECT fi.*, i.followers,
                              CASE WHEN spend > 0 THEN revenue * 0.98 / spend END AS iroas,
                              CASE WHEN i.followers > 0 THEN revenue / 100.0 / i.followers END AS rpf,
                              CASE WHEN reach > 0 THEN engagements * 100.0 / reach END AS er,
                              CASE WHEN orders > 0 THEN spend / 100.0 / orders END AS cpo
                       FROM fi LEFT JOIN influencers i ON i.id = fi.inf)
            SELECT inf, orders::BIGINT, revenue::BIGINT, spend::BIGINT,
                   CASE WHEN spend > 0 THEN
                       40 * COALESCE((iroas - MIN(iroas) OVER w) / NULLIF(MAX(iroas) OVER w - MIN(iroas) OVER w, 0), 1)
                     + 20 * COALESCE((rpf - MIN(rpf) OVER w) / NULLIF(MAX(rpf) OVER w - MIN(rpf) OVER w, 0), 1)
                     + 20 * COALESCE((er - MIN(er) OVER w) / NULLIF(MAX(er) OVER w - MIN(er) OVER w, 0), 1)
                     + 20 * COALESCE((MAX(cpo) OVER w - cpo) / NULLIF(MAX(cpo) OVER w - MIN(cpo) OVER w, 0), 1)
                         END AS score
            FROM k WINDOW w AS (PARTITION BY spend > 0)
            ORDER BY score DESC NULLS LAST, revenue DESC, inf
            """);
        var tiers = Rows("""
            SELECT COALESCE(i.tier, '(unknown)'), SUM(orders)::BIGINT, SUM(revenue)::BIGINT, SUM(spend)::BIGINT
            FROM fi LEFT JOIN influencers i ON i.id = fi.inf GROUP BY ALL ORDER BY 3 DESC
            """);
        var weeks = Rows("""
            WITH s AS (SELECT date_trunc('week', day) AS week, SUM(orders) AS orders, SUM(revenue) AS revenue FROM fs
                GROUP BY ALL),
                 p AS (SELECT date_trunc('week', day) AS week, COUNT(*) AS posts FROM fp GROUP BY ALL),
                 x AS (SELECT date_trunc('week', day) AS week, SUM(amount) AS spend FROM fx WHERE day IS NOT NULL
                     GROUP BY ALL)
            SELECT week::DATE, COALESCE(orders, 0)::BIGINT, COALESCE(revenue, 0)::BIGINT, COALESCE(spend, 0)::BIGINT,
                COALESCE(posts, 0)::BIGINT
            FROM s FULL JOIN p USING (week) FULL JOIN x USING (week) ORDER BY week
            """);
        return new PeerFigures(
            Orders: (long)summary[0]!, Revenue: (long)summary[1]!, Spend: (long)summary[2]!, Posts: (long)summary[3]!,
            Reach: (long)summary[4]!, Influencers: (long)summary[5]!, Paid: (long)summary[6]!,
            UndatedSpend: (long)summary[8]!, WeeklyRevenue: weeks.Where(w => (long)w[2]! != 0)
                .Select(w => ((DateOnly)w[0]!, (long)w[2]!)).ToList(),
            RowsRead: influencers.Count + tiers.Count + weeks.Count + 1);
    }

    public void Dispose() => _connection.Dispose();

    private List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is DateTime d
                    ? DateOnly.FromDateTime(d) : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The figures both sides must agree on for one dashboard state (money in paise).</summary>
public sealed record PeerFigures(
    long Orders, long Revenue, long Spend, long Posts, long Reach, long Influencers, long Paid, long UndatedSpend,
    IReadOnlyList<(DateOnly Week, long Revenue)> WeeklyRevenue, int RowsRead);
