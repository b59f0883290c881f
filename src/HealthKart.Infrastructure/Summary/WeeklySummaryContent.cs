using HealthKart.Core.Summary;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// One week's summary, rendered: the figures, the HTML and text parts, and the full-report workbook when attached.
/// </summary>
public sealed record WeeklySummaryContent(WeeklySummary Summary, string Html, string Text, byte[]? Workbook);
