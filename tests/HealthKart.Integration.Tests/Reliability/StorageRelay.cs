using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HealthKart.Local;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// A TCP relay in front of an Azurite's blob and table ports that can cut storage off for a set time: every open
/// connection is reset (a request in flight loses its answer), and new ones are refused (nothing listens, as for a
/// server that is down) or reset the moment they are accepted (as by a front end that is restarting). The outage
/// lasts exactly as long as the test says, however loaded the machine is, which a real stop and restart of Azurite
/// does not (its start alone took from 2 s to over 12 s under CI's load).
/// </summary>
internal sealed class StorageRelay : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly List<(int Port, int Target)> _routes = [];
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _blobPort;
    private volatile bool _cut;
    private volatile CutPoint? _cutAfter;

    private StorageRelay(AzuriteServer storage)
    {
        _blobPort = storage.BlobPort;
        var (blob, table) = (Listen(0, storage.BlobPort), Listen(0, storage.TablePort));
        ConnectionString = AzuriteServer.ConnectionStringFor(blob, storage.QueuePort, table);
    }

    /// <summary>Blob and table endpoints through the relay; the queue's (unused) goes straight to Azurite.</summary>
    public string ConnectionString { get; }

    public static StorageRelay Start(AzuriteServer storage) => new(storage);

    /// <summary>
    /// Storage goes away: open connections are reset, and new ones meet the <paramref name="outage"/>, until
    /// <see cref="Restore"/>.
    /// </summary>
    public void Cut(Outage outage)
    {
        _cut = true;
        if (outage == Outage.Refused)
        {
            StopListening();
        }

        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    /// <summary>
    /// Cuts storage off as <see cref="Cut"/> does once a blob connection's answer has sent this many bytes of its body:
    /// a download broken off at a byte the test chooses. That connection ends in an orderly close
    /// after its last byte, so the client reads every byte sent (a reset would let the kernel drop what it has not
    /// read yet), and then finds the answer shorter than its length.
    /// </summary>
    public void CutAfterBlobBytes(long bytes, Outage outage) => _cutAfter = new CutPoint(bytes, outage);

    /// <summary>Storage is back on the same ports: new connections reach Azurite again.</summary>
    public void Restore()
    {
        _cut = false;
        if (_listeners.Count == 0)
        {
            foreach (var (port, target) in _routes)
            {
                Listen(port, target);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Cut(Outage.Refused);
        _stopping.Dispose();
    }

    private int Listen(int port, int target)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
        if (port == 0)
        {
            _routes.Add((bound, target));
        }

        _listeners.Add(listener);
        _ = AcceptAsync(listener, target);
        return bound;
    }

    private void StopListening()
    {
        _listeners.ForEach(l => l.Stop());
        _listeners.Clear();
    }

    private async Task AcceptAsync(TcpListener listener, int target)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client, target);
        }
    }

    private async Task RelayAsync(Socket client, int target)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            _open.TryAdd(client, 0);
            _open.TryAdd(server, 0);
            try
            {
                if (_cut)
                {
                    return; // Reset on arrival, or accepted just before the cut.
                }

                await server.ConnectAsync(IPAddress.Loopback, target, _stopping.Token);
                var request = PumpAsync(client, server, counted: false);
                var answer = PumpAsync(server, client, counted: target == _blobPort);
                if (await Task.WhenAny(request, answer) == answer && await answer)
                {
                    await request; // Broken off in order: the client closes once it has read what was sent.
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The relay stopping, or either side gone: the other side is reset below.
            }
            finally
            {
                Reset(client);
                Reset(server);
                _open.TryRemove(client, out _);
                _open.TryRemove(server, out _);
            }
        }
    }

    /// <summary>
    /// Copies one direction until its source closes, or the connection is cut; a <paramref name="counted"/> one (a
    /// blob answer) stops at <see cref="CutAfterBlobBytes"/>.
    /// </summary>
    /// <returns>Whether it stopped there, in an orderly close.</returns>
    private async Task<bool> PumpAsync(Socket from, Socket to, bool counted)
    {
        var buffer = new byte[64 * 1024];
        var (headerEnd, body) = (0, 0L); // how much of "\r\n\r\n" has been seen, and the body bytes relayed since
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0 && !_cut)
            {
                var bodyStart = 0;
                for (; headerEnd < 4 && bodyStart < read; bodyStart++)
                {
                    headerEnd = buffer[bodyStart] == "\r\n\r\n"[headerEnd] ? headerEnd + 1
                        : buffer[bodyStart] == '\r' ? 1 : 0;
                }

                var relayed = read - bodyStart;
                if (counted && _cutAfter is { } limit && headerEnd == 4 && body + relayed >= limit.Bytes)
                {
                    await to.SendAsync(buffer.AsMemory(0, bodyStart + (int)(limit.Bytes - body)), SocketFlags.None,
                        _stopping.Token);
                    _cutAfter = null;
                    _open.TryRemove(from, out _);
                    _open.TryRemove(to, out _);
                    to.Shutdown(SocketShutdown.Send);
                    Cut(limit.Outage);
                    return true;
                }

                body += headerEnd == 4 ? relayed : 0;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Cut, reset by either end, or the relay stopping.
        }

        return false;
    }

    private sealed record CutPoint(long Bytes, Outage Outage);

    /// <summary>Closes with a reset (RST), not an orderly close: the peer sees the connection fail, not end.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }
}

/// <summary>What a new connection meets while storage is cut off (<see cref="StorageRelay.Cut"/>).</summary>
public enum Outage
{
    /// <summary>Nothing listens: the connection is refused.</summary>
    Refused,

    /// <summary>The connection is accepted and at once reset.</summary>
    ResetOnArrival,
}
