namespace TuiChat.Client.Core.Connection;

/// <summary>
/// The servers a client may use (<see cref="ChatConnectionOptions.Servers"/>), in order, and
/// which one it is on: an attempt goes down the list until one answers.
/// </summary>
internal sealed class FailoverServers(IReadOnlyList<ServerEndpoint> servers)
{
    private int _index;

    /// <summary>The server of the current session, or of the last one tried.</summary>
    public ServerEndpoint Current => servers[Volatile.Read(ref _index)];

    public int CurrentIndex => Volatile.Read(ref _index);

    /// <summary>After a lost connection: the server just lost may be the one that is down, so the next one goes first.</summary>
    public int AfterCurrent => (CurrentIndex + 1) % servers.Count;

    /// <summary>
    /// Opens on the first server, from <paramref name="first"/> on round the list, that can be
    /// reached; a server that answers and refuses ends the attempt (the others would refuse it
    /// too). Throws the last server's error when none can be reached.
    /// </summary>
    /// <param name="unreachable">Told of each server that could not be reached while others remain.</param>
    public async Task<T> OpenFirstReachableAsync<T>(int first, Func<ServerEndpoint, Task<T>> open,
        Action<ServerEndpoint, Exception> unreachable, CancellationToken cancellationToken)
    {
        for (int tried = 1; ; tried++)
        {
            int index = (first + tried - 1) % servers.Count;
            Volatile.Write(ref _index, index);
            try
            {
                return await open(servers[index]).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException
                && tried < servers.Count && !cancellationToken.IsCancellationRequested)
            {
                unreachable(servers[index], e);
            }
        }
    }
}
