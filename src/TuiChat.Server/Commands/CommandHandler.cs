using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>One request type's logic. It decides and writes its replies into the context's buffer; it never touches a socket.</summary>
public interface ICommandHandler
{
    void Handle(CommandContext context, Request request);
}

/// <summary>Base for handlers of one request record type.</summary>
public abstract class CommandHandler<TRequest> : ICommandHandler where TRequest : Request
{
    public void Handle(CommandContext context, Request request) => Handle(context, (TRequest)request);

    protected abstract void Handle(CommandContext context, TRequest request);

    /// <summary>Checks a room or group name; on failure the room_invalid reply is written.</summary>
    protected static bool IsValidRoom(CommandContext context, string room)
    {
        if (NameRules.TryValidateRoom(room, out string error))
        {
            return true;
        }
        context.Reply.Error(ErrorCodes.RoomInvalid, error);
        return false;
    }
}
