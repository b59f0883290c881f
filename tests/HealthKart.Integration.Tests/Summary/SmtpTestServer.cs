using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// A message as the relay received it: the parsed MIME message and the envelope recipients (RCPT TO).
/// </summary>
internal sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients);

/// <summary>
/// A real SMTP server (the SmtpServer package) in the test process on 127.0.0.1, keeping every message it accepts.
/// It can be stopped and started again on the same port, to play a relay that is down and then back.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private CancellationTokenSource? _running;
    private SmtpServerHost? _server;
    private Task? _serving;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    /// <summary>A port nothing listens on (yet): the relay that is down.</summary>
    public static SmtpTestServer Stopped() => new(FreePort());

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = Stopped();
        await server.ListenAsync();
        return server;
    }

    /// <summary>Starts listening (again) on <see cref="Port"/>: the relay comes up.</summary>
    public async Task ListenAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new KeepingStore(_messages));
        _running = new CancellationTokenSource();
        _server = new SmtpServerHost(options, services);
        _serving = _server.StartAsync(_running.Token);
        await WaitUntilListeningAsync();
    }

    public async Task<ReceivedMail> SingleMessageAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_messages.IsEmpty && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Assert.Single(Messages);
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        _server!.Shutdown();
        try
        {
            await _serving!.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // The server stops by cancellation.
        }

        _running.Dispose();
        _running = null;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start listening on port {Port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class KeepingStore(ConcurrentQueue<ReceivedMail> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                stream.Write(segment.Span);
            }

            stream.Position = 0;
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            messages.Enqueue(new ReceivedMail(message, [.. transaction.To.Select(m => $"{m.User}@{m.Host}")]));
            return SmtpResponse.Ok;
        }
    }
}
