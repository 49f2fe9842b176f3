using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// <c>[display] hide_join_part</c>, the "smart filter" WeeChat users know: with it on, a join or
/// leave line shows only for someone who spoke in that conversation in the last
/// <see cref="Recent"/>, so reconnect storms of people nobody is talking to stay out of the log
/// while someone leaving in the middle of a conversation is still seen. UI thread only.
/// </summary>
internal sealed class JoinPartFilter(ChatSettings settings)
{
    public static readonly TimeSpan Recent = TimeSpan.FromMinutes(10);

    /// <summary>Beyond this many speakers remembered, the ones not recent are forgotten.</summary>
    private const int PruneAbove = 1000;

    private readonly Dictionary<(string Conversation, string User), DateTimeOffset> _lastSpoke = [];

    /// <summary><paramref name="user"/> said something live in <paramref name="conversation"/>.</summary>
    public void Spoke(ConversationViewModel conversation, string user)
    {
        DateTimeOffset now = settings.Time.GetUtcNow();
        _lastSpoke[(conversation.Key, NameRules.Key(user))] = now;
        if (_lastSpoke.Count > PruneAbove)
        {
            foreach (var stale in _lastSpoke.Where(e => now - e.Value > Recent).Select(e => e.Key).ToArray())
            {
                _lastSpoke.Remove(stale);
            }
        }
    }

    /// <summary>Whether the join or leave line of <paramref name="user"/> in <paramref name="conversation"/> is shown.</summary>
    public bool Shows(ConversationViewModel conversation, string user) =>
        !settings.Preferences.HideJoinPart
        || _lastSpoke.TryGetValue((conversation.Key, NameRules.Key(user)), out DateTimeOffset spoke)
            && settings.Time.GetUtcNow() - spoke <= Recent;
}
