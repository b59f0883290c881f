using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthKart.Integration.Tests.Cli;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// <c>hk serve</c> as a person runs it: a separate process that prints where it runs and stops on a signal.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class ServeCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PrintsItsAddressServesAndStopsCleanlyOnSigterm()
    {
        var settings = ServeApp.IsolatedSettings();
        using var serve = Start(
            ["serve", "--port", "0", "--storage", azurite.ConnectionString, "--no-seed",
             $"--Tables:Prefix={settings["Tables:Prefix"]}", $"--Uploads:Container={settings["Uploads:Container"]}",
             $"--Reports:Container={settings["Reports:Container"]}"],
            userIdKey: TestApp.UserIdKey);

        var address = await serve.WaitForAsync(ReadyLine(), TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(address.Groups["root"].Value) };
        var health = await http.GetFromJsonAsync<JsonElement>("api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());

        // SIGTERM, not SIGINT: a background test runner may have SIGINT ignored, and children inherit that.
        using (var kill = Process.Start("kill", ["-TERM", $"{serve.Process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await serve.Process.WaitForExitAsync(timeout.Token);
        Assert.True(serve.Process.ExitCode == 0, serve.Output);
        Assert.Contains("Stopping...", serve.Output);
    }

    [Fact]
    public async Task AKeyTheOperatorConfiguredIsNeverPrinted()
    {
        const string key = "operator-configured-key-0123456789";
        var settings = ServeApp.IsolatedSettings();
        using var serve = Start(
            ["serve", "--port", "0", "--storage", azurite.ConnectionString, "--no-seed", "--require-key",
                $"--Serve:FunctionKey={key}",
             $"--Tables:Prefix={settings["Tables:Prefix"]}", $"--Uploads:Container={settings["Uploads:Container"]}",
             $"--Reports:Container={settings["Reports:Container"]}"],
            userIdKey: TestApp.UserIdKey);

        await serve.WaitForAsync(ReadyLine(), TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-TERM", $"{serve.Process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await serve.Process.WaitForExitAsync(timeout.Token);
        Assert.Contains("API key: the one set in Serve:FunctionKey", serve.Output);
        Assert.DoesNotContain(key, serve.Output);
    }

    [Fact]
    public async Task WithStorageButNoUserIdKeyItSaysWhatToSet()
    {
        using var serve = Start(["serve", "--port", "0", "--storage", azurite.ConnectionString, "--no-seed"],
            userIdKey: null);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await serve.Process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, serve.Process.ExitCode);
        Assert.Contains("Privacy__UserIdKey", serve.Output);
    }

    [Fact]
    public async Task RejectsAnArgumentThatIsNeitherAnOptionNorASetting()
    {
        using var serve = Start(["serve", "--prot", "8080"], userIdKey: null);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await serve.Process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, serve.Process.ExitCode);
        Assert.Contains("Unknown argument '--prot'", serve.Output);
    }

    private static RunningHk Start(string[] arguments, string? userIdKey)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = HkProcess.RepositoryRoot
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hk.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("Privacy__UserIdKey");
        if (userIdKey is not null)
        {
            start.Environment["Privacy__UserIdKey"] = userIdKey;
        }

        return new RunningHk(Process.Start(start)!);
    }

    [GeneratedRegex(@"HealthKart is running: (?<root>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ReadyLine();

    /// <summary>
    /// The process and everything it has printed so far; killed on dispose if a test left it running.
    /// </summary>
    private sealed class RunningHk : IDisposable
    {
        private readonly StringBuilder _output = new();

        public RunningHk(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task<Match> WaitForAsync(Regex line, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout)
            {
                if (line.Match(Output) is { Success: true } match)
                {
                    return match;
                }

                Assert.False(Process.HasExited,
                    $"hk exited with {(Process.HasExited ? Process.ExitCode : 0)}:\n{Output}");
                await Task.Delay(100);
            }

            throw new TimeoutException($"hk did not print '{line}' within {timeout.TotalSeconds:0} s:\n{Output}");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
