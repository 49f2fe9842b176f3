using System.Diagnostics.CodeAnalysis;
using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>
/// The users online, by name and by look-alike skeleton, and the one rule of who may be online:
/// a name (or a name that looks like it) is online once, as one identity; a guest has one session,
/// a registered account up to <see cref="MaxSessionsPerAccount"/> (a laptop, a phone, an IRC client).
/// Keyed by name for lookups, but a later session joins only the same identity (the account), so
/// nothing addressed to one identity reaches another that holds the name. Not thread-safe: guarded
/// by the ChatState lock like everything the ChatState holds.
/// </summary>
internal sealed class OnlineUsers(int maxSessionsPerAccount)
{
    private readonly Dictionary<string, ChatUser> _byKey = new(StringComparer.Ordinal);

    /// <summary>The online users by <see cref="ChatUser.Skeleton"/>: a look-alike of an online name cannot log in.</summary>
    private readonly Dictionary<string, ChatUser> _bySkeleton = new(StringComparer.Ordinal);

    public int MaxSessionsPerAccount { get; } = maxSessionsPerAccount;

    public int Count => _byKey.Count;

    public Dictionary<string, ChatUser>.ValueCollection Values => _byKey.Values;

    public bool TryGetValue(string key, [NotNullWhen(true)] out ChatUser? user) => _byKey.TryGetValue(key, out user);

    public ChatUser? GetValueOrDefault(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// Logs in the session <paramref name="candidate"/> holds: a new user online (<paramref name="first"/>),
    /// or one more session of the account online already (<paramref name="user"/> is then that user,
    /// with the session added). Refused with <paramref name="codeIfOnline"/> when the name is online
    /// as a guest or as another identity, with <c>quota_exceeded</c> past the session limit.
    /// </summary>
    public Outcome TryAdd(ChatUser candidate, string codeIfOnline, out ChatUser? user, out bool first)
    {
        user = null;
        first = false;
        if (_byKey.TryGetValue(candidate.Key, out ChatUser? online))
        {
            if (!candidate.Registered || online.Identity != candidate.Identity)
            {
                return Outcome.Fail(codeIfOnline, $"{candidate.Name} is already online");
            }
            if (online.Sessions.Count >= MaxSessionsPerAccount)
            {
                return Outcome.Fail(ErrorCodes.QuotaExceeded,
                    $"{online.Name} is logged in {online.Sessions.Count} times already, the most one account may be (log out elsewhere first)");
            }
            online.AddSession(candidate.Sessions[0]);
            user = online;
            return Outcome.Success;
        }
        if (_bySkeleton.TryGetValue(candidate.Skeleton, out ChatUser? twin))
        {
            return Outcome.Fail(ErrorCodes.NameTaken, $"{candidate.Name} looks too much like {twin.Name}, who is online");
        }
        _byKey[candidate.Key] = candidate;
        _bySkeleton[candidate.Skeleton] = candidate;
        user = candidate;
        first = true;
        return Outcome.Success;
    }

    /// <summary>
    /// Ends the session <paramref name="link"/> of <paramref name="user"/>. False when that is not a
    /// session of the user online under its name (ended already). <paramref name="last"/>: it was the
    /// user's last session, and the user is offline now.
    /// </summary>
    public bool TryRemove(ChatUser user, IClientLink link, out bool last)
    {
        last = false;
        if (_byKey.GetValueOrDefault(user.Key) != user || !user.RemoveSession(link))
        {
            return false;
        }
        if (user.Sessions.Count == 0)
        {
            _byKey.Remove(user.Key);
            _bySkeleton.Remove(user.Skeleton);
            last = true;
        }
        return true;
    }
}
