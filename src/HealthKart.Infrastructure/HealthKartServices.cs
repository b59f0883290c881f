using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Links;
using HealthKart.Core.Privacy;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Settings;
using HealthKart.Infrastructure.Storage;
using HealthKart.Infrastructure.Summary;
using HealthKart.Infrastructure.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure;

public static class HealthKartServices
{
    /// <summary>
    /// Everything the app needs, registered once and used by both the Azure Functions host and <c>hk serve</c>, so the
    /// local app and the cloud run the same wiring.
    /// </summary>
    public static IHostApplicationBuilder AddHealthKart(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<KeyVaultReferenceGuard.Resolved>, KeyVaultReferenceGuard>();
        services.AddOptions<KeyVaultReferenceGuard.Resolved>().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TableOptions>().BindConfiguration(TableOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .Validate(o => !o.PseudonymizeUserIds || !string.IsNullOrWhiteSpace(o.UserIdKey),
                "Set Privacy:UserIdKey (a secret) to pseudonymise user_id, or set " +
                "Privacy:PseudonymizeUserIds to false.")
            .ValidateOnStart();

        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section)
            .Validate(o => o.BaselineRate is >= 0 and < 1, "Analytics:BaselineRate must be at least 0 and below 1.")
            .Validate(o => o.MidTierFrom < o.MacroTierFrom && o.MacroTierFrom < o.MegaTierFrom,
                "Analytics tier bounds must increase: Mid < Macro < Mega.")
            .ValidateOnStart();
        services.AddOptions<CustomerOptions>().BindConfiguration(CustomerOptions.Section)
            .Validate(o => o.HistoryDays is >= 0 and <= 3650 && o.FollowOnDays is >= 1 and <= 3650,
                "Customers:HistoryDays must be 0 to 3650 and Customers:FollowOnDays 1 to 3650 (days).")
            .ValidateOnStart();
        services.AddOptions<SnapshotOptions>().BindConfiguration(SnapshotOptions.Section);
        services.AddOptions<DateWindow>().BindConfiguration(DateWindow.Section)
            .Validate(o => o.First <= o.Last, "Dates:First must not be after Dates:Last.")
            .ValidateOnStart();
        services.AddOptions<SourceCopyOptions>().BindConfiguration(SourceCopyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrackingExportOptions>().BindConfiguration(TrackingExportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Keys.All(k => k.Id.Length > 0 && k.Secret.Length >= 32),
                "Every Links:Keys entry needs an Id and a Secret of at least 32 characters.")
            .Validate(o => o.DefaultHours <= o.MaxHours, "Links:DefaultHours cannot exceed Links:MaxHours.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .PostConfigure<IConfiguration>((smtp, configuration) =>
                smtp.AddListed(configuration[$"{SmtpOptions.Section}:{nameof(SmtpOptions.To)}"]))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WeeklySummaryOptions>().BindConfiguration(WeeklySummaryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => StorageAccount.FromConfiguration(builder.Configuration));
        services.AddSingleton(provider =>
        {
            var privacy = provider.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            return new UserPseudonymizer(privacy.UserIdKey, privacy.PseudonymizeUserIds);
        });
        services.AddSingleton<HealthKartTables>();
        services.AddSingleton<RowEntities>();
        services.AddSingleton<RowStore>();
        services.AddSingleton<RowVersions>();
        services.AddSingleton<FactStore>();
        services.AddSingleton<DatasetCatalog>();
        services.AddSingleton<UploadLedger>();
        services.AddSingleton<ValidationReportStore>();
        services.AddSingleton<VersionPurge>();
        services.AddSingleton<RawRowStage>();
        services.AddSingleton<UploadIngestor>();
        services.AddSingleton<UploadInbox>();
        services.AddSingleton<SourceRetraction>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<SnapshotCache>();
        services.AddHostedService<SnapshotWarmup>();
        services.AddSingleton<AnswerMemo>();
        services.AddSingleton<ExportBuilder>();
        services.AddSingleton<TrackingCopies>();
        services.AddSingleton<TrackingExport>();
        services.AddSingleton<SummaryLedger>();
        services.AddSingleton<WeeklySummaryLinks>();
        services.AddSingleton<WeeklySummaryComposer>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<WeeklySummaryMailer>();
        services.AddSingleton(provider => new LinkSigner(
            provider.GetRequiredService<IOptions<LinkOptions>>().Value.Keys.Select(k => new SigningKey(k.Id, k.Secret))
                .ToList()));
        return builder;
    }
}
