using Serilog;
using StackExchange.Redis;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Cluster;

/// <summary>
/// A guest's name is online once in the cluster: a Redis key per name skeleton (so `bob` and `bоb`
/// with a Cyrillic о are one name, as on one server) holding the server's id, with
/// a time to live the server renews for its online guests (<see cref="Renew"/>); released at logout;
/// a dead server's names may be taken once its heartbeat has expired, and expire by themselves. While Redis is down, a guest's name is checked on
/// this server only (the login is not refused for that); the claims are renewed once it is back.
/// </summary>
internal sealed class GuestNames(IDatabase redis, string node, ILogger log) : INameClaims
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Takes the name when it is free, already this server's, or held by a server whose heartbeat
    /// (<see cref="RemoteUsers.Beat"/>) has stopped: the users of a killed server log in elsewhere
    /// within seconds, not after the name's lifetime.
    /// </summary>
    private const string ClaimScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false or holder == ARGV[1] or redis.call('EXISTS', 'tuichat:node:' .. holder) == 0 then
          redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public bool TryClaim(string skeleton)
    {
        try
        {
            return (int)redis.ScriptEvaluate(ClaimScript, [Key(skeleton)], [node, (int)Lifetime.TotalSeconds]) == 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.Warning("Redis is unreachable ({Reason}); guest {User} is checked on this server only", e.Message, skeleton);
            return true;
        }
    }

    public void Release(string skeleton) => Run(ReleaseScript, skeleton, [node]);

    /// <summary>Keeps this server's online guests' names from expiring (called well within <see cref="Lifetime"/>).</summary>
    public void Renew(IEnumerable<string> skeletons)
    {
        foreach (string key in skeletons)
        {
            Run(ClaimScript, key, [node, (int)Lifetime.TotalSeconds]);
        }
    }

    private void Run(string script, string skeleton, RedisValue[] values)
    {
        try
        {
            redis.ScriptEvaluate(script, [Key(skeleton)], values, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is down: a release is made good by the key's expiry, a renewal by the next one.
        }
    }

    private static RedisKey Key(string skeleton) => "tuichat:guest:" + skeleton;
}
