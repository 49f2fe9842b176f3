using System.Net.Sockets;
using Serilog;
using StackExchange.Redis;

namespace TuiChat.Server.Cluster;

/// <summary>
/// The connection to Redis (<c>--redis host:port</c> or a unix socket path): one pub/sub channel for
/// every event of the cluster, and the database for the guest-name claims. Publishing never waits:
/// while Redis is down a publish fails at once and is lost, which the <see cref="ConversationSequencer"/>'s
/// gap fill from the database makes good once it is back (<see cref="Restored"/>).
/// </summary>
internal sealed class RedisBackplane : IDisposable
{
    /// <summary>
    /// One channel for everything, rooms and users alike: a server never has to subscribe before a
    /// room gains its first member here (no window in which a line could pass it by), and at this
    /// scale parsing the events of rooms with no member here is cheap. Per-room channels are the next
    /// step when that stops being true (docs/SCALING.md).
    /// </summary>
    private static readonly RedisChannel Channel = RedisChannel.Literal("tuichat:events");

    private readonly ConnectionMultiplexer _redis;
    private readonly ILogger _log;

    private RedisBackplane(ConnectionMultiplexer redis, ILogger log)
    {
        _redis = redis;
        _log = log;
        // Two connections (commands, subscriptions) fail and come back: the subscription one speaks for both.
        _redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _log.Warning("Redis connection lost ({Failure}): lines are still stored and delivered here; other servers get them from the database", e.FailureType);
            }
        };
        // Whichever comes back last must see the rewrite succeed: both trigger it (it is idempotent).
        _redis.ConnectionRestored += (_, e) =>
        {
            _log.Information("Redis connection restored ({Connection})", e.ConnectionType);
            Restored?.Invoke();
        };
    }

    /// <summary>Raised when the connection is back: what was published meanwhile may be lost.</summary>
    public event Action? Restored;

    public IDatabase Database => _redis.GetDatabase();

    /// <exception cref="ClusterStartException">Redis cannot be reached.</exception>
    public static RedisBackplane Connect(string address, ILogger log)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = 5000,
            ConnectRetry = 1,
            // While Redis is down commands fail at once instead of queueing: a chat line must never wait for it.
            BacklogPolicy = BacklogPolicy.FailFast,
            ClientName = "tuichat-server",
        };
        if (address.StartsWith('/'))
        {
            options.EndPoints.Add(new UnixDomainSocketEndPoint(address));
        }
        else
        {
            options.EndPoints.Add(address);
        }
        try
        {
            var redis = ConnectionMultiplexer.Connect(options);
            // Only the start needs Redis: afterwards the connection comes back by itself.
            return new RedisBackplane(redis, log);
        }
        catch (Exception e) when (e is RedisException or SocketException or ArgumentException)
        {
            throw new ClusterStartException($"cannot reach Redis at {address}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Delivers every event on the channel, one at a time in the order Redis sent them.</summary>
    public void Subscribe(Action<byte[]> onEvent)
    {
        ChannelMessageQueue queue = _redis.GetSubscriber().Subscribe(Channel);
        queue.OnMessage(message => onEvent((byte[])message.Message!));
    }

    public void Publish(byte[] json)
    {
        try
        {
            _redis.GetSubscriber().Publish(Channel, json, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            _log.Debug("Not published ({Reason}); the other servers' gap fill will find it", e.Message);
        }
    }

    /// <summary>Publishes and waits (at most a few seconds) until Redis has it: for what must leave before the process ends.</summary>
    public bool PublishNow(byte[] json)
    {
        try
        {
            _redis.GetSubscriber().Publish(Channel, json);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.Debug("Not published ({Reason})", e.Message);
            return false;
        }
    }

    public void Dispose() => _redis.Dispose();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
