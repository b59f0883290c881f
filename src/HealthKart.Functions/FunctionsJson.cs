using HealthKart.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Functions;

/// <summary>
/// The results functions return are written by MVC's formatter: give it <see cref="ApiJson"/>'s rules, in Azure and in
/// hk serve alike.
/// </summary>
public static class FunctionsJson
{
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(options => ApiJson.Configure(options.JsonSerializerOptions));
}
