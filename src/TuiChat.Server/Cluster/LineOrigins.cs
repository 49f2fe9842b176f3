using System.Collections.Concurrent;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Cluster;

/// <summary>
/// The sessions that sent this server's room lines, by message id, from the moment the line is
/// numbered (inside its transaction) until it is delivered here: the delivery is the sender's own
/// line (<see cref="MessagePosted.Origin"/>) whichever path brings it.
/// </summary>
internal sealed class LineOrigins
{
    private readonly ConcurrentDictionary<long, IClientLink> _byId = new();

    public void Note(long msgId, IClientLink origin) => _byId[msgId] = origin;

    /// <summary>The sender of the line, once: null for another server's line.</summary>
    public IClientLink? Take(long msgId) => _byId.TryRemove(msgId, out IClientLink? origin) ? origin : null;

    /// <summary>The ids of a line's rolled-back attempts (all of them when it failed), but <paramref name="kept"/>: never delivered.</summary>
    public void Forget(List<long> ids, long kept)
    {
        foreach (long id in ids)
        {
            if (id != kept)
            {
                _byId.TryRemove(id, out _);
            }
        }
    }
}
