using StackExchange.Redis;

namespace TuiChat.Server.Cluster;

/// <summary>
/// One identity per public room name in the cluster while the room lasts: a Redis key per room
/// holding its identity, taken by the server that begins the room, kept alive by every server
/// with members in it (<see cref="Renew"/>) and left to expire when the last one is gone, so a
/// later room of the same name is a new identity (its history out of reach), as on one server,
/// after at most <see cref="Lifetime"/>.
/// </summary>
internal sealed class RoomIdentities(IDatabase redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const string TakeScript = """
        local identity = redis.call('GET', KEYS[1])
        if identity then
          redis.call('EXPIRE', KEYS[1], ARGV[2])
          return identity
        end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        return ARGV[1]
        """;

    /// <summary>The room's identity in the cluster; <paramref name="proposed"/> when it is new, or when Redis cannot be reached.</summary>
    public string Take(string roomKey, string proposed)
    {
        try
        {
            return (string)redis.ScriptEvaluate(TakeScript, [Key(roomKey)], [proposed, (int)Lifetime.TotalSeconds])!;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return proposed;
        }
    }

    public void Renew(IEnumerable<(string Key, string Conversation)> rooms)
    {
        try
        {
            foreach ((string key, string conversation) in rooms)
            {
                redis.ScriptEvaluate(TakeScript, [Key(key)], [conversation, (int)Lifetime.TotalSeconds], CommandFlags.FireAndForget);
            }
        }
        catch (RedisException)
        {
            // Redis is down: renewed at the next check.
        }
    }

    private static RedisKey Key(string roomKey) => "tuichat:room:" + roomKey;
}
