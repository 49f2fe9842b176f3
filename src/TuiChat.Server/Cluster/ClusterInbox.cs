using Serilog;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>
/// The other servers' events as they arrive from Redis: each becomes a piece of work for the
/// <see cref="ClusterNode"/>'s worker (<paramref name="enqueue"/>), in arrival order; this server's
/// own events and anything that is not an envelope are ignored.
/// </summary>
/// <param name="node">This server's id.</param>
/// <param name="shutdown">Stops this server (by, reason): an admin shut the cluster down on another one.</param>
/// <param name="greet">Tells a server that just started (its id) about this server's guests in groups.</param>
/// <param name="offerDirect">Hands the worker a direct message (and whether it is in its recipient's offline queue too).</param>
/// <param name="deliverStored">Delivers what another server stored in a conversation without announcing its text (a file offer).</param>
internal sealed class ClusterInbox(string node, ChatState state, RemoteUsers remote, ConversationSequencer sequencer, Action<NumberedMessage, bool> offerDirect, Action<string> deliverStored, Action<string> greet, ILogger log,
    Action<Action> enqueue, Action<string, string> shutdown)
{
    /// <summary>An event from Redis (a Redis thread, one at a time): queued for the worker, in order.</summary>
    public void OnEvent(byte[] json)
    {
        ClusterEnvelope? e = ClusterEnvelope.Parse(json);
        if (e is null || e.Node == node || (e.For is not null && e.For != node))
        {
            return;
        }
        switch (e.Kind)
        {
            case ClusterEnvelope.Line when e.From is not null && e.Text is not null:
                NumberedMessage line = Numbered(e, e.From, e.Text);
                enqueue(() => sequencer.Offer(line));
                break;
            case ClusterEnvelope.Direct when e.From is not null && e.Text is not null:
                NumberedMessage direct = Numbered(e, e.From, e.Text);
                enqueue(() => offerDirect(direct, e.Queued));
                break;
            case ClusterEnvelope.Online or ClusterEnvelope.Offline when e.User is not null && e.From is not null:
                enqueue(() =>
                {
                    if (remote.Apply(e))
                    {
                        state.Cluster.RemotePresence(e.From, e.Kind == ClusterEnvelope.Online);
                    }
                });
                break;
            case ClusterEnvelope.AwayChanged when e.User is not null && e.From is not null:
                enqueue(() =>
                {
                    remote.Apply(e);
                    state.People.RemoteAway(e.From, e.Away);
                });
                break;
            case ClusterEnvelope.Query when e.From is not null && e.Text is not null && e.User is not null && e.Identity is not null:
                enqueue(() => state.Messaging.PassRemoteQuery(e.From, e.User, e.Identity, e.Text, e.Answer));
                break;
            case ClusterEnvelope.Shutdown when e.User is not null:
                // Not on the worker: stopping disposes this node, which waits for the worker to end.
                log.Warning("Shutdown requested by {User} on another server: {Reason}", e.User, e.Detail ?? "");
                Task.Run(() => shutdown(e.User, e.Detail ?? ""));
                break;
            case ClusterEnvelope.Started:
                enqueue(() => greet(e.Node));
                break;
            case ClusterEnvelope.Stored:
                enqueue(() => deliverStored(e.Conversation));
                break;
            case ClusterEnvelope.Joined or ClusterEnvelope.Left or ClusterEnvelope.Topic when e.User is not null:
                RemoteChangeKind kind = e.Kind == ClusterEnvelope.Joined ? RemoteChangeKind.Joined : e.Kind == ClusterEnvelope.Left ? RemoteChangeKind.Left : RemoteChangeKind.Topic;
                enqueue(() => state.Cluster.ApplyRemote(new RemoteRoomChange(kind, e.Room, e.Conversation, e.User, e.Detail ?? "", e.Registered, e.Owner, e.Identity)
                {
                    Text = e.Text,
                    By = e.From,
                    Away = e.Away,
                }));
                break;
        }
    }

    /// <summary>The stored line a <c>line</c> or <c>direct</c> event carries, with its number in its conversation.</summary>
    private static NumberedMessage Numbered(ClusterEnvelope e, string from, string text) =>
        new(e.Seq, new StoredMessage(e.MsgId, new DateTimeOffset(e.TsTicks, TimeSpan.Zero), e.Conversation, from, e.Room, text, Notice: e.Notice));
}
