using System.Collections.Concurrent;
using Serilog;
using StackExchange.Redis;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Cluster;

/// <summary>
/// Who is online on the other servers, so that a direct message finds them: a Redis hash
/// (<c>tuichat:online</c>, a field per user and server) that each server writes for its own users,
/// read whole at start, after Redis comes back and every few checks; and in between, the
/// <c>online</c>/<c>offline</c> events. A server that died leaves its fields behind: they are skipped
/// once its heartbeat key (<see cref="Beat"/>) has expired.
/// </summary>
internal sealed class RemoteUsers(IDatabase redis, string node, ILogger log)
{
    private static readonly RedisKey Hash = "tuichat:online";
    /// <summary>How often a server renews its heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>A killed server counts as gone this long after its last beat (its guests may log in elsewhere).</summary>
    private static readonly TimeSpan HeartbeatLifetime = TimeSpan.FromSeconds(3);

    private const string RemoveOwnScript = """
        if redis.call('HGET', KEYS[1], ARGV[1]) then
          return redis.call('HDEL', KEYS[1], ARGV[1])
        end
        return 0
        """;

    /// <summary>User key to the servers it is online on, with its name, identity, role and away text there.</summary>
    private volatile ConcurrentDictionary<string, ConcurrentDictionary<string, RemoteUser>> _users = new(StringComparer.Ordinal);

    public RemoteUser? Find(string userKey) =>
        _users.TryGetValue(userKey, out var nodes) ? nodes.Values.FirstOrDefault() : null;

    /// <summary>Everyone online on the other servers, once each (an account on two of them is one user).</summary>
    public IReadOnlyList<RemoteUser> All() =>
        [.. _users.Values.Select(nodes => nodes.Values.FirstOrDefault()).OfType<RemoteUser>()];

    /// <summary>A user of this server came online or changed its away text: written for servers that start later.</summary>
    public void Arrived(ChatUser user, string? away) =>
        Try(() => redis.HashSet(Hash, Field(user.Key, node), Describe(user, away).ToJson(), flags: CommandFlags.FireAndForget));

    public void Left(ChatUser user) =>
        Try(() => redis.ScriptEvaluate(RemoveOwnScript, [Hash], [Field(user.Key, node)], CommandFlags.FireAndForget));

    /// <summary>The <c>online</c> event (and the online list's entry) for a user of this server.</summary>
    public ClusterEnvelope Describe(ChatUser user, string? away) =>
        new(ClusterEnvelope.Online, node, "", "", From: user.Name, User: user.Key, Detail: user.Identity, Role: user.Role, Registered: user.Registered, Away: away);

    /// <summary>
    /// An <c>online</c>, <c>offline</c> or <c>away</c> event of another server. True when it is news
    /// for presence: the user was online on no other server before an <c>online</c>, or is on none
    /// after an <c>offline</c> (an account's second session elsewhere changes nothing).
    /// </summary>
    public bool Apply(ClusterEnvelope e)
    {
        if (e.User is not { } key || e.From is null || e.Detail is null)
        {
            return false;
        }
        switch (e.Kind)
        {
            case ClusterEnvelope.Online:
                var nodes = _users.GetOrAdd(key, _ => new(StringComparer.Ordinal));
                bool first = nodes.IsEmpty;
                nodes[e.Node] = ToUser(e);
                return first;
            case ClusterEnvelope.Offline:
                return _users.TryGetValue(key, out var left) && left.TryRemove(e.Node, out _) && left.IsEmpty;
            case ClusterEnvelope.AwayChanged:
                if (_users.TryGetValue(key, out var on) && on.TryGetValue(e.Node, out RemoteUser? user))
                {
                    on[e.Node] = user with { Away = e.Away };
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>This server is alive (the others keep its users); called well within the heartbeat's lifetime.</summary>
    public void Beat() => Try(() => redis.StringSet("tuichat:node:" + node, "1", HeartbeatLifetime, flags: CommandFlags.FireAndForget));

    /// <summary>
    /// Reads the whole hash again, without the users of servers that are gone. With
    /// <paramref name="forget"/>, returns who is no longer online anywhere else; without, keeps
    /// whoever is missing (Redis may have restarted empty and their servers not written them yet).
    /// </summary>
    public IReadOnlyList<RemoteUser> Reload(bool forget)
    {
        var gone = new List<RemoteUser>();
        Try(() =>
        {
            var users = new ConcurrentDictionary<string, ConcurrentDictionary<string, RemoteUser>>(StringComparer.Ordinal);
            var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (HashEntry entry in redis.HashGetAll(Hash))
            {
                string[] field = ((string)entry.Name!).Split('@', 2);
                if (field.Length != 2 || field[1] == node || ClusterEnvelope.Parse((byte[])entry.Value!) is not { From: not null, Detail: not null } e)
                {
                    continue;
                }
                if (!alive.TryGetValue(field[1], out bool up))
                {
                    alive[field[1]] = up = redis.KeyExists("tuichat:node:" + field[1]);
                }
                if (up)
                {
                    users.GetOrAdd(field[0], _ => new(StringComparer.Ordinal))[field[1]] = ToUser(e);
                }
            }
            foreach ((string key, var nodes) in _users)
            {
                if (users.ContainsKey(key) || nodes.Values.FirstOrDefault() is not { } user)
                {
                    continue;
                }
                if (forget)
                {
                    gone.Add(user);
                }
                else
                {
                    users[key] = nodes;
                }
            }
            _users = users;
        });
        return gone;
    }

    private static RemoteUser ToUser(ClusterEnvelope e) => new(e.From!, e.Detail!, e.Role ?? Protocol.Messages.Roles.User, e.Registered, e.Away);

    private static string Field(string userKey, string server) => userKey + "@" + server;

    private void Try(Action action)
    {
        try
        {
            action();
        }
        catch (RedisException e)
        {
            log.Debug("Online list not updated ({Reason}); read again once Redis is back", e.Message);
        }
    }
}
