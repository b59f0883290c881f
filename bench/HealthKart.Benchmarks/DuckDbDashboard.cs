using System.Globalization;
using DuckDB.NET.Data;
using HealthKart.Core.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// The peer: the same six dashboard aggregates computed by DuckDB (in process, in memory, all cores) over the same
/// facts. The snapshot's columns are loaded once through the appender into tables with the same dictionary-encoded
/// dimensions (integer ids, small name tables to join), sales and posts as they are, spend already allocated (a NULL
/// day is undated spend). Each view is one SQL statement whose
/// every result row is read back, as our views build every item.
/// </summary>
public sealed class DuckDbDashboard : IDisposable
{
    // Per-influencer totals across the three fact tables: the summary's counts, the influencer table and personas.
    private const string InfluencerTotals = """
        WITH s AS (SELECT influencer, SUM(orders) AS orders, SUM(revenue) AS revenue FROM sales GROUP BY influencer),
             p AS (SELECT influencer, SUM(posts) AS posts, SUM(reach) AS reach, SUM(engagements) AS engagements
                   FROM posts GROUP BY influencer),
             x AS (SELECT influencer, SUM(amount) AS spend FROM spend GROUP BY influencer),
             t AS (SELECT influencer, COALESCE(orders, 0) AS orders, COALESCE(revenue, 0) AS revenue,
                          COALESCE(spend, 0) AS spend, COALESCE(posts, 0) AS posts, COALESCE(reach, 0) AS reach,
                          COALESCE(engagements, 0) AS engagements
                   FROM s FULL JOIN p USING (influencer) FULL JOIN x USING (influencer)),
             a AS (SELECT * FROM t WHERE orders <> 0 OR revenue <> 0 OR spend <> 0 OR posts <> 0)
        """;

    // The sums (NULL where one side of a full join had nothing) and the ratios every view item carries.
    private const string KpiColumns = """
        COALESCE(SUM(orders), 0)::BIGINT, COALESCE(SUM(revenue), 0)::BIGINT, COALESCE(SUM(spend), 0)::BIGINT,
        COALESCE(SUM(posts), 0)::BIGINT, COALESCE(SUM(reach), 0)::BIGINT, COALESCE(SUM(engagements), 0)::BIGINT,
        CASE WHEN SUM(spend) > 0 THEN (COALESCE(SUM(revenue), 0) - SUM(spend)) * 100.0 / SUM(spend) END,
        CASE WHEN SUM(spend) > 0 THEN COALESCE(SUM(revenue), 0) * 1.0 / SUM(spend) END,
        CASE WHEN SUM(reach) > 0 THEN SUM(engagements) * 100.0 / SUM(reach) END
        """;

    private static readonly string[] Statements =
    [
        // summary: totals, undated spend, and the influencer counts
        // (active, paid, poor) from the per-influencer totals.
        InfluencerTotals + """
        SELECT 'total', (SELECT SUM(orders) FROM sales)::BIGINT, (SELECT SUM(revenue) FROM sales)::BIGINT,
               (SELECT SUM(amount) FROM spend)::BIGINT, (SELECT SUM(posts) FROM posts)::BIGINT,
               (SELECT SUM(reach) FROM posts)::BIGINT, (SELECT SUM(engagements) FROM posts)::BIGINT,
               (SELECT COALESCE(SUM(amount), 0) FROM spend WHERE day IS NULL)::DOUBLE,
               COUNT(*)::DOUBLE, (COUNT(*) FILTER (WHERE spend > 0))::DOUBLE,
               (COUNT(*) FILTER (WHERE spend > 0
                                 AND ((revenue - spend) * 100.0 / spend < 50 OR revenue * 1.0 / spend < 2)))::DOUBLE
        FROM a
        """,
        // influencers: every active one with its profile, KPIs and a min-max efficiency score over the paid ones.
        InfluencerTotals + """
        , k AS (SELECT a.*, i.influencer AS id, i.followers,
                       -- flat incrementality, 2 % baseline (the default)
                       CASE WHEN spend > 0 THEN revenue * 0.98 / spend END AS iroas,
                       CASE WHEN i.followers > 0 THEN revenue / 100.0 / i.followers END AS rpf,
                       CASE WHEN reach > 0 THEN engagements * 100.0 / reach END AS er,
                       CASE WHEN orders > 0 THEN spend / 100.0 / orders END AS cpo
                FROM a JOIN influencers i ON i.id = a.influencer)
        SELECT id, orders::BIGINT, revenue::BIGINT, spend::BIGINT, posts::BIGINT, reach::BIGINT, engagements::BIGINT,
               CASE WHEN spend > 0 THEN (revenue - spend) * 100.0 / spend END,
               CASE WHEN spend > 0 THEN
                   40 * COALESCE((iroas - MIN(iroas) OVER w) / NULLIF(MAX(iroas) OVER w - MIN(iroas) OVER w, 0), 1)
                 + 20 * COALESCE((rpf - MIN(rpf) OVER w) / NULLIF(MAX(rpf) OVER w - MIN(rpf) OVER w, 0), 1)
                 + 20 * COALESCE((er - MIN(er) OVER w) / NULLIF(MAX(er) OVER w - MIN(er) OVER w, 0), 1)
                 + 20 * COALESCE((MAX(cpo) OVER w - cpo) / NULLIF(MAX(cpo) OVER w - MIN(cpo) OVER w, 0), 1)
               END AS score,
               er
        FROM k
        WINDOW w AS (PARTITION BY spend > 0)
        ORDER BY score DESC NULLS LAST, revenue DESC, id
        """,
        // campaigns and platforms: each fact table grouped by the dimension, joined, named.
        ByDimension("campaign", "campaigns"),
        ByDimension("platform", "platforms"),
        // personas: category x influencer platform, and by gender, and by tier.
        InfluencerTotals + $"""
        SELECT CASE WHEN GROUPING(i.category) = 0 AND GROUPING(i.platform) = 0
                    THEN 'persona|' || i.category || '|' || i.platform
                    WHEN GROUPING(i.gender) = 0 THEN 'gender|' || i.gender ELSE 'tier|' || i.tier END, {KpiColumns}
        FROM a JOIN influencers i ON i.id = a.influencer
        GROUP BY GROUPING SETS ((i.category, i.platform), (i.gender), (i.tier))
        ORDER BY 3 DESC, 4 DESC
        """,
        // the daily time series (dated spend only).
        $"""
        WITH s AS (SELECT day, SUM(orders) AS orders, SUM(revenue) AS revenue FROM sales GROUP BY day),
             p AS (SELECT day, SUM(posts) AS posts, SUM(reach) AS reach, SUM(engagements) AS engagements
                   FROM posts GROUP BY day),
             x AS (SELECT day, SUM(amount) AS spend FROM spend WHERE day IS NOT NULL GROUP BY day)
        SELECT day::VARCHAR, {KpiColumns}
        FROM s FULL JOIN p USING (day) FULL JOIN x USING (day)
        GROUP BY day ORDER BY day
        """,
    ];

    private readonly DuckDBConnection _connection;

    private DuckDbDashboard(DuckDBConnection connection) => _connection = connection;

    public string Version { get; private set; } = "";

    private static string ByDimension(string column, string names) => $"""
        WITH s AS (SELECT {column} AS id, SUM(orders) AS orders, SUM(revenue) AS revenue FROM sales GROUP BY 1),
             p AS (SELECT {column} AS id, SUM(posts) AS posts, SUM(reach) AS reach, SUM(engagements) AS engagements
                   FROM posts GROUP BY 1),
             x AS (SELECT {column} AS id, SUM(amount) AS spend FROM spend GROUP BY 1)
        SELECT n.name, {KpiColumns}
        FROM s FULL JOIN p USING (id) FULL JOIN x USING (id) JOIN {names} n USING (id)
        GROUP BY n.name
        HAVING COALESCE(SUM(orders), 0) <> 0 OR COALESCE(SUM(revenue), 0) <> 0 OR COALESCE(SUM(spend), 0) <> 0
            OR COALESCE(SUM(posts), 0) <> 0
        ORDER BY 3 DESC, 4 DESC
        """;

    /// <summary>An in-memory database holding the snapshot's facts (loaded with the appender; untimed).</summary>
    public static DuckDbDashboard Load(Snapshot snapshot)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var duck = new DuckDbDashboard(connection);
        var threads = connection.Scalar("SELECT current_setting('threads')");
        duck.Version = $"{connection.Scalar("SELECT version()")}, {threads} threads";
        connection.Execute("""
            CREATE TABLE influencers(id INTEGER, influencer VARCHAR, category VARCHAR, gender VARCHAR, platform VARCHAR,
                followers BIGINT, tier VARCHAR);
            CREATE TABLE campaigns(id INTEGER, name VARCHAR);
            CREATE TABLE platforms(id INTEGER, name VARCHAR);
            CREATE TABLE sales(day INTEGER, influencer INTEGER, campaign INTEGER, product INTEGER, brand INTEGER,
                platform INTEGER, orders INTEGER, revenue BIGINT);
            CREATE TABLE posts(day INTEGER, influencer INTEGER, platform INTEGER, campaign INTEGER, product INTEGER,
                posts INTEGER, reach BIGINT, engagements BIGINT);
            CREATE TABLE spend(day INTEGER, influencer INTEGER, campaign INTEGER, product INTEGER, brand INTEGER,
                platform INTEGER, amount BIGINT);
            """);

        using (var appender = connection.CreateAppender("influencers"))
        {
            for (var i = 0; i < snapshot.Influencers.Count; i++)
            {
                var p = snapshot.Influencers[i];
                appender.CreateRow().AppendValue(i).AppendValue(p.Id).AppendValue(p.Category)
                    .AppendValue(p.Gender).AppendValue(p.Platform)
                    .AppendValue(p.Followers).AppendValue(p.Known ? p.Tier.ToString() : InfluencerProfile.Unknown)
                    .EndRow();
            }
        }

        AppendNames(connection, "campaigns", snapshot.Campaigns);
        AppendNames(connection, "platforms", snapshot.Platforms);

        using (var appender = connection.CreateAppender("sales"))
        {
            var s = snapshot.Sales;
            for (var i = 0; i < s.Count; i++)
            {
                appender.CreateRow().AppendValue(s.Day[i]).AppendValue(s.Influencer[i]).AppendValue(s.Campaign[i])
                    .AppendValue(s.Product[i])
                    .AppendValue(s.Brand[i]).AppendValue((int)s.Platform[i]).AppendValue(s.Orders[i])
                    .AppendValue(s.Revenue[i]).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("posts"))
        {
            var p = snapshot.Posts;
            for (var i = 0; i < p.Count; i++)
            {
                appender.CreateRow().AppendValue(p.Day[i]).AppendValue(p.Influencer[i]).AppendValue((int)p.Platform[i])
                    .AppendValue(p.Campaign[i])
                    .AppendValue(p.Product[i]).AppendValue(p.Posts[i]).AppendValue(p.Reach[i])
                    .AppendValue(p.Engagements[i]).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("spend"))
        {
            var x = snapshot.Spend;
            for (var i = 0; i < x.Count; i++)
            {
                var row = appender.CreateRow();
                row = x.Day[i] == SpendColumns.Undated ? row.AppendNullValue() : row.AppendValue(x.Day[i]);
                row.AppendValue(x.Influencer[i]).AppendValue(x.Campaign[i])
                    .AppendValue(x.Product[i]).AppendValue(x.Brand[i])
                    .AppendValue((int)x.Platform[i]).AppendValue(x.Amount[i]).EndRow();
            }
        }

        return duck;
    }

    /// <summary>The six statements, every row read back; what the check compares with our views.</summary>
    public DashboardFigures Compute()
    {
        var views = new Dictionary<string, Dictionary<string, Figure>>(Statements.Length);
        for (var v = 0; v < Statements.Length; v++)
        {
            views[Dashboard.Views[v]] = ComputeView(v);
        }

        return new DashboardFigures(views);
    }

    /// <summary>One statement (in <see cref="Dashboard.Views"/> order), its rows keyed by their first column.</summary>
    public Dictionary<string, Figure> ComputeView(int view)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Statements[view];
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, Figure>();
        while (reader.Read())
        {
            var extra = new double?[reader.FieldCount - 7];
            for (var e = 0; e < extra.Length; e++)
            {
                extra[e] = reader.IsDBNull(7 + e) ? null : Convert.ToDouble(reader.GetValue(7 + e),
                    CultureInfo.InvariantCulture);
            }

            rows[reader.GetString(0)] = new Figure(
                reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), extra);
        }

        return rows;
    }

    /// <summary>
    /// What DuckDB holds in memory for the loaded tables (its own accounting, outside the .NET heap).
    /// </summary>
    public long MemoryBytes() => Convert.ToInt64(
        _connection.Scalar("SELECT SUM(memory_usage_bytes)::BIGINT FROM duckdb_memory()"),
        CultureInfo.InvariantCulture);

    public void Dispose() => _connection.Dispose();

    private static void AppendNames(DuckDBConnection connection, string table, DimensionPool pool)
    {
        using var appender = connection.CreateAppender(table);
        for (var id = 0; id < pool.Count; id++)
        {
            appender.CreateRow().AppendValue(id).AppendValue(pool[id]).EndRow();
        }
    }
}
