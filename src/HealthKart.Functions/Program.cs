using HealthKart.Functions;
using HealthKart.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemMiddleware>();
builder.UseMiddleware<SignedInGate>();
builder.AddHealthKart();
builder.Services.AddApiJson();
builder.Build().Run();
