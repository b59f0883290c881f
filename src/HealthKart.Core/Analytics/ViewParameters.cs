using System.Globalization;
using HealthKart.Core.Analytics.Planning;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Analytics;

/// <summary>Every view parameter there is (<see cref="ViewParameter"/>); a view names the ones it takes.</summary>
public static class ViewParameters
{
    public static readonly ViewParameter Count = new("n", "How many influencers (default 10).",
        new ParameterSchema("integer", 1, 1000), "5",
        (query, values) => query with { N = WholeNumber("n", values, 1, 1000) });

    public static readonly ViewParameter Granularity = new("granularity", "day, week (Monday first) or month.",
        ParameterSchema.OneOf("day", "week", "month"), "week",
        (query, values) => query with { Granularity = GranularityOf(values) });

    public static readonly ViewParameter Scenario = new("scenario",
        "max-response (split a fixed budget, default) or target-roas (spend to a marginal incremental ROAS).",
        ParameterSchema.OneOf("max-response", "target-roas"), "target-roas",
        (query, values) => query with { Plan = query.Plan with { Scenario = ScenarioOf(values) } });

    public static readonly ViewParameter Budget = new("budget",
        "Rupees: the budget to split (default: the period's actual spend); a cap under target-roas.",
        new ParameterSchema("number", 0, 1e12), "800000", (query, values) =>
            query with { Plan = query.Plan with { Budget = (decimal)Number("budget", values, 0, 1e12) } });

    public static readonly ViewParameter Target =
        new("target", "The marginal incremental ROAS to stop at under target-roas (default 1).",
        new ParameterSchema("number", 0.01, 100), "1.5",
        (query, values) => query with { Plan = query.Plan with { Target = Number("target", values, 0.01, 100) } });

    public static readonly ViewParameter MinShare =
        new("minShare", "Each influencer's lowest spend as a multiple of their actual spend (default 0.5).",
        new ParameterSchema("number", 0, 1), "0.5",
        (query, values) => query with { Plan = query.Plan with { MinShare = Number("minShare", values, 0, 1) } });

    public static readonly ViewParameter MaxShare =
        new("maxShare", "Each influencer's highest spend as a multiple of their actual spend (default 1.5).",
        new ParameterSchema("number", 1, 10), "1.5",
        (query, values) => query with { Plan = query.Plan with { MaxShare = Number("maxShare", values, 1, 10) } });

    /// <summary>The budget planner's scenario, budget, target and bounds.</summary>
    public static readonly IReadOnlyList<ViewParameter> Plan = [Scenario, Budget, Target, MinShare, MaxShare];

    /// <summary>Every view parameter, for what states a request's parameters (a report's About sheet).</summary>
    public static readonly IReadOnlyList<ViewParameter> All = [Count, Granularity, .. Plan];

    /// <summary>One whole number within [min, max], or a 400 on <paramref name="name"/> that says so.</summary>
    public static int WholeNumber(string name, IReadOnlyList<string> values, int min, int max) =>
        values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && n >= min && n <= max
            ? n
            : throw ProblemException.BadRequest(name,
                string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number from {min} to {max}."));

    /// <summary>A plain decimal number (no exponent, no grouping) within [min, max].</summary>
    private static double Number(string name, List<string> values, double min, double max) =>
        values.Count == 1 && decimal.TryParse(values[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var number)
            && (double)number >= min && (double)number <= max
            ? (double)number
            : throw ProblemException.BadRequest(name,
                $"'{name}' must be one number from {Shown(min)} to {Shown(max)}.");

    /// <summary>A bound as people read it: 0.01, or a whole number with Indian grouping (1,00,00,00,00,000).</summary>
    private static string Shown(double bound) => bound == Math.Floor(bound)
        ? IndianText.Count((long)bound) : bound.ToString("0.##", CultureInfo.InvariantCulture);

    private static Analytics.Granularity GranularityOf(List<string> values) =>
        values.Count == 1 && AnalyticsQueryParser.TryName<Analytics.Granularity>(values[0], out var granularity)
            ? granularity
            : throw ProblemException.BadRequest("granularity",
                $"Unknown granularity '{string.Join(",", values)}'. Use day, week or month.");

    private static PlanScenario ScenarioOf(List<string> values) =>
        (values.Count == 1 ? values[0].ToLowerInvariant() : "") switch
        {
            "max-response" => PlanScenario.MaxResponse,
            "target-roas" => PlanScenario.TargetRoas,
            _ => throw ProblemException.BadRequest("scenario",
                $"Unknown scenario '{string.Join(",", values)}'. Use max-response or target-roas."),
        };
}
