using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>topic</c>: a group's member, a public room's operator or an admin sets its topic; members get a <c>topic</c> event.</summary>
public sealed class TopicHandler(IRooms rooms) : CommandHandler<TopicRequest>
{
    public const int MaxTopicBytes = 512;

    protected override void Handle(CommandContext context, TopicRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        if (!NameRules.TryValidateLine(request.Topic, MaxTopicBytes, out string topic, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, error);
            return;
        }
        Outcome outcome = rooms.SetTopic(context.User, request.Room, topic);
        if (outcome.Ok)
        {
            context.Reply.Ok();
        }
        else
        {
            context.Reply.Fail(outcome);
        }
    }
}
