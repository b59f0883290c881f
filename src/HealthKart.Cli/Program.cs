using System.CommandLine;
using HealthKart.Cli;

var root = new RootCommand("hk: HealthKart influencer ROI - simulate sample data, validate files, upload, and serve the app locally")
{
    SimulateCommand.Create(),
    ValidateCommand.Create(),
    UploadCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
