using Serilog;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// The one shared state of the server (<see cref="ChatCore"/>: online users, rooms and groups, the
/// message-id counter, one Monitor lock), seen through the parts that decide on it: who is online
/// (<see cref="Sessions"/>), rooms and groups (<see cref="Rooms"/>), chat lines and files
/// (<see cref="Messaging"/>), people (<see cref="People"/>) and what the other servers of a cluster
/// decided (<see cref="Cluster"/>). It knows no protocol: each part takes the lock, decides, and
/// hands the domain events it causes to the recipients' links; encoding happens later, in each
/// connection's writer, and starting writers and dropping overflowed clients after the lock
/// (<see cref="AfterLock"/>). Store writes are handed over without waiting for them.
/// </summary>
public sealed class ChatState
{
    /// <param name="maxSessionsPerAccount">How many sessions one registered account may have at once (<see cref="OnlineUsers"/>).</param>
    public ChatState(TimeProvider time, IChatStore store, ILogger log, int maxSessionsPerAccount)
    {
        var core = new ChatCore(time, store, log, maxSessionsPerAccount);
        var memberships = new Memberships(core);
        Sessions = new Sessions(core, memberships);
        Rooms = new Rooms(core, memberships);
        Messaging = new Messaging(core, memberships);
        People = new People(core);
        Cluster = new ClusterDeliveries(core);
    }

    public Sessions Sessions { get; }

    public Rooms Rooms { get; }

    public Messaging Messaging { get; }

    public People People { get; }

    public ClusterDeliveries Cluster { get; }
}
