using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HealthKart.Local;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// A TCP relay in front of an Azurite's blob and table ports that can cut storage off for a set time, as a server that
/// goes down and comes back: while cut, every open connection is reset (a request in flight loses its answer) and
/// nothing listens on the relay's ports, so a new connection is refused. The outage lasts exactly as long as the test
/// says, however loaded the machine is, which a real stop and restart of Azurite does not (its start alone took from
/// 2 s to over 12 s under CI's load).
/// </summary>
internal sealed class StorageRelay : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly List<(TcpListener Listener, int Port, int Target)> _listeners = [];
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

    /// <summary>Storage goes away: open connections reset, new ones refused, until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var (listener, _, _) in _listeners)
        {
            listener.Stop();
        }

        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    /// <summary>Storage is back on the same ports: new connections reach Azurite again.</summary>
    public void Restore()
    {
        var down = _listeners.ToList();
        _listeners.Clear();
        _cut = false;
        foreach (var (_, port, target) in down)
        {
            Listen(port, target);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Cut();
        _stopping.Dispose();
    }

    private int Listen(int port, int target)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listeners.Add((listener, bound, target));
        _ = AcceptAsync(listener, target);
        return bound;
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
                    return; // Accepted just before the cut: reset with the others.
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
