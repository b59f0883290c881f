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
    private volatile bool _cut;

    private StorageRelay(AzuriteServer storage)
    {
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
                await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
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

    /// <summary>Copies one direction until its source closes, or the connection is cut.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0 && !_cut)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Cut, reset by either end, or the relay stopping.
        }
    }

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
