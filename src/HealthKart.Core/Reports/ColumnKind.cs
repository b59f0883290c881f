namespace HealthKart.Core.Reports;

/// <summary>
/// What a report column holds, which decides how each format writes it: CSV writes the number the JSON has, XLSX a
/// typed cell with a number format.
/// </summary>
public enum ColumnKind
{
    Text,

    /// <summary>Counts (orders, posts, reach, followers): Indian digit grouping in XLSX.</summary>
    Integer,

    /// <summary>Rupees (decimal): the ₹ format with lakh and crore grouping in XLSX.</summary>
    Money,

    /// <summary>
    /// Given in percent units, as the JSON has them (ROI -25.6453 means -25.6453 %): CSV writes -25.6453, XLSX stores
    /// -0.256453 under a percent format so Excel shows -25.65 % and sums it correctly.
    /// </summary>
    Percent,

    /// <summary>Ratios such as ROAS: two to four decimals.</summary>
    Ratio,

    /// <summary>A calendar day (<see cref="DateOnly"/>): ISO in CSV, a real date in XLSX.</summary>
    Date,

    Boolean,
}
