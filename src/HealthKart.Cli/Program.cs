using System.CommandLine;
using HealthKart.Cli;
using HealthKart.Cli.Serve;

Terminal.Configure();
var root =
    new RootCommand(
        "hk: HealthKart influencer ROI - simulate sample data, validate files, upload, and serve the app locally")
{
    SimulateCommand.Create(),
    ValidateCommand.Create(),
    UploadCommand.Create(),
    ServeCommand.Create(),
};

// hk serve stops its web host and then Azurite on Ctrl+C, which takes longer than System.CommandLine's default 2 s
// grace before it gives up waiting (and Azurite would be left running).
return await root.Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
