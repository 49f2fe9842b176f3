using System.Collections.Frozen;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>
/// Runs one well-formed frame through the command table: checks the id, the login, the rate
/// limit and the admin role, decodes the request, calls its handler and queues the reply (then the
/// handler's follow-up). Every reply carries the request's id as <c>re</c>.
/// </summary>
public sealed class RequestDispatcher(ServerServices services)
{
    private readonly FrozenDictionary<string, CommandSpec> _commands = CommandTable.Create();

    public void Dispatch(ClientSession client, Envelope envelope, ReadOnlySpan<byte> payload)
    {
        if (envelope.Id is { Length: 0 or > ProtocolLimits.MaxIdLength })
        {
            SendError(client, null, ErrorCodes.BadRequest, $"an id has 1 to {ProtocolLimits.MaxIdLength} characters");
            return;
        }
        _commands.TryGetValue(envelope.Type, out CommandSpec? spec);
        if (client.User is null && spec is not { NeedsLogin: false })
        {
            SendError(client, envelope.Id, ErrorCodes.NotLoggedIn, "send hello first");
            return;
        }
        // An unknown type costs a token like any request, or it would be free work without end.
        if ((spec is null || spec.RateLimited) && !client.TryTakeRate())
        {
            SendError(client, envelope.Id, ErrorCodes.RateLimited, "too many requests; slow down");
            return;
        }
        if (spec is null)
        {
            SendError(client, envelope.Id, ErrorCodes.BadRequest, $"unknown request type \"{envelope.Type}\"");
            return;
        }

        Request request;
        try
        {
            request = MessageCodec.DecodeRequest(envelope.Type, payload);
        }
        catch (BadRequestException e)
        {
            SendError(client, envelope.Id, ErrorCodes.BadRequest, e.Message);
            return;
        }
        if (spec.NeedsAdmin && client.User is not { IsAdmin: true })
        {
            services.Log.Warning("{User} from {Address} was refused {Type}: not an admin", client.User?.Name, client.Link.RemoteAddress, envelope.Type);
            SendError(client, envelope.Id, ErrorCodes.NotAllowed, $"{envelope.Type} is for admins");
            return;
        }

        CommandResult result = spec.Handler.Handle(new CommandContext(services, client, envelope.Id), request);
        if (result.Ok is { } ok)
        {
            if (envelope.Id is not null)
            {
                client.Link.Send(MessageCodec.EncodeFrame(ok));
            }
        }
        else if (!result.Refusal.Ok)
        {
            SendError(client, envelope.Id, result.Refusal.Code!, result.Refusal.Message);
        }
        result.After?.Invoke();
    }

    public static void SendError(ClientSession client, string? re, string code, string message) =>
        client.Link.Send(MessageCodec.EncodeFrame(new ErrorReply { Re = re, Code = code, Message = message }));
}
