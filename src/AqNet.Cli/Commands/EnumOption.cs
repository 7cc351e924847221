using System.CommandLine;

namespace AqNet.Cli.Commands;

/// <summary>An option whose value is one of an enum's members, written and shown in lower case
/// (`--schedule cosine`, help "constant|cosine|step"); any case is accepted, anything else is refused naming the
/// choices. The default is named in the description: System.CommandLine would show the member's own spelling.</summary>
internal sealed class EnumOption<T> where T : struct, Enum
{
    private static readonly string[] Choices = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();

    public EnumOption(string name, string description, T defaultValue)
    {
        Default = defaultValue;
        Option = new Option<T?>(name)
        {
            Description = $"{description} [default: {Name(defaultValue)}]",
            HelpName = string.Join('|', Choices),
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
                if (Choices.Contains(text.ToLowerInvariant()) && Enum.TryParse<T>(text, ignoreCase: true, out var v)) return v;
                r.AddError($"{name} '{text}': expected one of {string.Join(", ", Choices)}");
                return null;
            },
        };
        Option.CompletionSources.Add(Choices);
    }

    public Option<T?> Option { get; }

    public T Default { get; }

    /// <summary>The value given on the command line, else the default.</summary>
    public T Value(ParseResult r) => r.GetValue(Option) ?? Default;

    public static string Name(T value) => value.ToString().ToLowerInvariant();
}
