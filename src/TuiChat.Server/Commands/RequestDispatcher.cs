using System.Collections.Frozen;
using System.Data.Common;
using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>
/// Runs one well-formed frame through the command table: checks the id, the login, the rate
/// limit and the admin role, decodes the request, calls its handler with the connection's reply
/// buffer, then sends what the handler wrote and runs its follow-ups. Every reply carries the
/// request's id as <c>re</c>. A handler that fails on the store (SQLite's disk error, PostgreSQL
/// down: both stores throw a <see cref="DbException"/>) gets <c>unavailable</c> instead of ending
/// the connection.
/// </summary>
public sealed class RequestDispatcher(FrozenDictionary<string, CommandSpec> commands, ILogger log)
{
    public void Dispatch(ClientSession client, ReplyBuffer reply, Envelope envelope, ReadOnlySpan<byte> payload)
    {
        reply.Begin(envelope.Id);
        Decide(client, reply, envelope, payload);
        reply.Flush();
    }

    private void Decide(ClientSession client, ReplyBuffer reply, Envelope envelope, ReadOnlySpan<byte> payload)
    {
        if (envelope.Id is { Length: 0 or > ProtocolLimits.MaxIdLength })
        {
            reply.Begin(null);
            reply.Error(ErrorCodes.BadRequest, $"an id has 1 to {ProtocolLimits.MaxIdLength} characters");
            return;
        }
        commands.TryGetValue(envelope.Type, out CommandSpec? spec);
        if (client.User is null && spec is not { NeedsLogin: false })
        {
            reply.Error(ErrorCodes.NotLoggedIn, "send hello first");
            return;
        }
        // An unknown type costs a token like any request, or it would be free work without end.
        if ((spec is null || spec.RateLimited) && !client.TryTakeRate())
        {
            reply.Error(ErrorCodes.RateLimited, "too many requests; slow down");
            return;
        }
        if (spec is null)
        {
            reply.Error(ErrorCodes.BadRequest, $"unknown request type \"{envelope.Type}\"");
            return;
        }

        Request request;
        try
        {
            request = MessageCodec.DecodeRequest(envelope.Type, payload);
        }
        catch (BadRequestException e)
        {
            reply.Error(ErrorCodes.BadRequest, e.Message);
            return;
        }
        if (spec.NeedsAdmin && client.User is not { IsAdmin: true })
        {
            log.Warning("{User} from {Address} was refused {Type}: not an admin", client.User?.Name, client.Link.RemoteAddress, envelope.Type);
            reply.Error(ErrorCodes.NotAllowed, $"{envelope.Type} is for admins");
            return;
        }
        bool wasLoggedIn = client.User is not null;
        try
        {
            spec.Handler.Handle(new CommandContext(client, reply), request);
        }
        catch (DbException e)
        {
            log.Error(e, "{Type} from {User} failed on the store", envelope.Type, client.User?.Name);
            reply.Begin(envelope.Id);
            reply.Error(ErrorCodes.Unavailable, $"the server could not reach its store; try {envelope.Type} again later");
            if (!wasLoggedIn && client.User is not null)
            {
                // Failed half-way through a login: end the session rather than leave it half made.
                reply.Then(() => client.Link.Disconnect(Protocol.Messages.LeftReasons.Disconnect));
            }
        }
    }
}
