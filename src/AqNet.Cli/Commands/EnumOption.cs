using System.CommandLine;
using AqNet.Core.Data;

namespace AqNet.Cli.Commands;

/// <summary>An option whose value is one of an enum's members, written and shown in lower case
/// (`--schedule cosine`, help "constant|cosine|step"). Any case is accepted; anything else is bad input (exit 2)
/// naming the choices. A default is named in the description: System.CommandLine would show the member's own
/// spelling ("Constant").</summary>
internal sealed class EnumOption<T> where T : struct, Enum
{
    private static readonly string[] Choices = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
    private readonly T? _default;
    private readonly string _name;

    /// <param name="defaultValue">The value when the option is not given; null makes the option required.</param>
    public EnumOption(string name, string description, T? defaultValue)
    {
        (_name, _default) = (name, defaultValue);
        Option = new Option<string?>(name)
        {
            Description = defaultValue is { } d ? $"{description} [default: {Name(d)}]" : description,
            HelpName = string.Join('|', Choices),
            Required = defaultValue is null,
        };
        Option.CompletionSources.Add(Choices);
    }

    public Option<string?> Option { get; }

    /// <summary>The value given on the command line, else the default.</summary>
    public T Value(ParseResult r) => r.GetValue(Option) is { } text ? Parse(text) : _default!.Value;

    public T Parse(string text)
    {
        var i = Array.IndexOf(Choices, text.Trim().ToLowerInvariant());
        return i >= 0 ? Enum.GetValues<T>()[i] : throw new InputException($"{_name} '{text}': expected {Alternatives}");
    }

    /// <summary>"csv or parquet", "constant, cosine or step".</summary>
    private static string Alternatives => string.Join(", ", Choices[..^1]) + " or " + Choices[^1];

    public static string Name(T value) => value.ToString().ToLowerInvariant();
}
