using HealthKart.Functions;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// The analytics API's answer for a view and query, from its function class: the figures the e-mail must equal.
/// </summary>
internal static class AnalyticsApi
{
    public static async Task<T> ViewAsync<T>(SummaryApp app, string view, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        var function = new AnalyticsViews(app.App.Get<SnapshotCache>(), app.App.Get<AnswerMemo>(), app.Clock,
            Microsoft.Extensions.Options.Options.Create(HealthKart.Core.Validation.DateWindow.Default));
        var result = Assert.IsType<FileContentResult>(await function.Get(context.Request, view, default));
        return System.Text.Json.JsonSerializer.Deserialize<T>(result.FileContents,
            System.Text.Json.JsonSerializerOptions.Web)!;
    }
}
