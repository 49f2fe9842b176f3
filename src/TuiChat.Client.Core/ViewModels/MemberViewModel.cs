using TuiChat.Client.Core.Text;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>One member in the member list of a room or group.</summary>
public sealed class MemberViewModel : ObservableObject
{
    private bool _online;
    private string _role;

    public MemberViewModel(string name, string role, bool online, bool isSelf)
    {
        Name = name;
        _role = role;
        _online = online;
        IsSelf = isSelf;
    }

    /// <summary>The user name as the server spells it; <see cref="Display"/> is the sanitised form to show.</summary>
    public string Name { get; }

    /// <summary>True for the user running this client.</summary>
    public bool IsSelf { get; }

    public bool Online
    {
        get => _online;
        internal set
        {
            if (SetProperty(ref _online, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    /// <summary><c>guest</c>, <c>user</c> or <c>admin</c>.</summary>
    public string Role
    {
        get => _role;
        internal set
        {
            if (SetProperty(ref _role, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    /// <summary>"● alice (you)", "○ dave", "● root (admin)", "● visitor (guest)".</summary>
    public string Display
    {
        get
        {
            string text = (Online ? "● " : "○ ") + TextSanitizer.ForLine(Name);
            if (Role == Roles.Admin)
            {
                text += " (admin)";
            }
            else if (Role == Roles.Guest)
            {
                text += " (guest)";
            }
            return IsSelf ? text + " (you)" : text;
        }
    }

    public override string ToString() => Display;
}
