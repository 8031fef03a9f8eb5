//! `parcours assess --interactive`: the widget's questions, asked one by one in a terminal.
//!
//! Questions and prompts go to standard error and answers are read from standard input one line at
//! a time, so the report on standard output can be redirected to a file, and a script (or a test)
//! can pipe the answers in when standard input is not a terminal.

use std::io::{self, BufRead, Read, Write};

use parcours_core::{Answer, Answers, Lang, Pack, Text};

use crate::{
    assess::{self, Format},
    output::{self, Failure},
};

/// What the person typed for one question.
enum Reply {
    /// The 0-based index of the choice.
    Choice(usize),
    Skip,
    Stop,
}

/// Asks every question of `pack`, then prints the report of what was answered.
pub(crate) fn run(pack: &Pack, lang: Lang, format: Format) -> Result<(), Failure> {
    let stdin = io::stdin();
    let mut session = Session {
        input: stdin.lock(),
        prompts: io::stderr(),
        lang,
    };
    let answers = session.ask_all(pack)?;
    output::print(&assess::render(pack, &answers, lang, format, &[]))?;
    let code = answers.encode(pack);
    let label = match lang {
        Lang::Fr => "Code de vos réponses : ",
        Lang::En => "Your answer code: ",
    };
    output::eprint(&format!("\n{label}{code}\n"));
    Ok(())
}

struct Session<R, W> {
    input: R,
    prompts: W,
    lang: Lang,
}

impl<R: BufRead, W: Write> Session<R, W> {
    fn t<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang)
    }

    fn say(&mut self, text: &str) -> Result<(), Failure> {
        self.prompts
            .write_all(output::defang(text).as_bytes())
            .and_then(|()| self.prompts.flush())
            .map_err(|error| Failure::io(format!("cannot write to standard error: {error}")))
    }

    /// Asks everything in the widget's order, stopping early on `q` or at the end of the input.
    fn ask_all(&mut self, pack: &Pack) -> Result<Answers, Failure> {
        let mut answers = Answers::default();
        let intro = match self.lang {
            Lang::Fr => {
                "Répondez par le numéro d'un choix. Entrée passe la question, q termine et affiche le résultat.\n"
            }
            Lang::En => {
                "Answer with the number of a choice. Enter skips the question, q stops and shows the result.\n"
            }
        };
        let title = format!("{}\n{intro}", self.t(pack.title()));
        self.say(&title)?;

        let role = match self.lang {
            Lang::Fr => "Votre rôle",
            Lang::En => "Your role",
        };
        let names: Vec<String> = pack
            .personas()
            .iter()
            .map(|persona| match &persona.description {
                Some(description) => format!("{} — {}", self.t(&persona.name), self.t(description)),
                None => self.t(&persona.name).to_owned(),
            })
            .collect();
        match self.ask(&format!("\n{role}\n"), &names)? {
            Reply::Choice(i) => {
                answers.persona = pack.personas().get(i).map(|persona| persona.id.clone())
            }
            Reply::Skip => {}
            Reply::Stop => return Ok(answers),
        }

        let heading = match self.lang {
            Lang::Fr => "Votre situation",
            Lang::En => "Your situation",
        };
        self.say(&format!("\n{heading}\n"))?;
        for question in &pack.profile().questions {
            let labels: Vec<String> = question
                .options
                .iter()
                .map(|o| self.t(&o.label).to_owned())
                .collect();
            match self.ask(&format!("\n{}\n", self.t(&question.label)), &labels)? {
                Reply::Choice(i) => {
                    if let Some(option) = question.options.get(i) {
                        answers
                            .profile
                            .insert(question.id.clone(), option.id.clone());
                    }
                }
                Reply::Skip => {}
                Reply::Stop => return Ok(answers),
            }
        }

        let count = pack.stages().len();
        for stage in pack.stages() {
            let heading = match self.lang {
                Lang::Fr => {
                    format!(
                        "\nÉtape {} sur {count} : {}\n",
                        stage.number,
                        self.t(&stage.title)
                    )
                }
                Lang::En => {
                    format!(
                        "\nStep {} of {count}: {}\n",
                        stage.number,
                        self.t(&stage.title)
                    )
                }
            };
            self.say(&heading)?;
            for criterion in &stage.gate.criteria {
                let kind = match (criterion.required, self.lang) {
                    (true, Lang::Fr) => "requis",
                    (true, Lang::En) => "required",
                    (false, Lang::Fr) => "conseil",
                    (false, Lang::En) => "advice",
                };
                let why = match self.lang {
                    Lang::Fr => "Pourquoi : ",
                    Lang::En => "Why: ",
                };
                let prompt = format!(
                    "\n[{kind}] {}\n  {why}{}\n",
                    self.t(&criterion.question),
                    self.t(&criterion.why)
                );
                let choices: Vec<Answer> = Answer::ALL
                    .into_iter()
                    .filter(|a| *a != Answer::NotApplicable || criterion.allow_na)
                    .collect();
                let labels: Vec<String> = choices
                    .iter()
                    .map(|a| a.label(self.lang).to_owned())
                    .collect();
                match self.ask(&prompt, &labels)? {
                    Reply::Choice(i) => {
                        if let Some(&answer) = choices.get(i) {
                            answers.criteria.insert(criterion.id.clone(), answer);
                        }
                    }
                    Reply::Skip => {}
                    Reply::Stop => return Ok(answers),
                }
            }
        }
        Ok(answers)
    }

    /// Shows a numbered list and reads a reply, asking again until it is understood.
    fn ask(&mut self, question: &str, choices: &[String]) -> Result<Reply, Failure> {
        let mut text = question.to_owned();
        for (i, choice) in choices.iter().enumerate() {
            text.push_str(&format!("  {}. {choice}\n", i + 1));
        }
        self.say(&text)?;
        let prompt = match self.lang {
            Lang::Fr => {
                format!(
                    "Votre choix (1-{}, Entrée pour passer, q pour terminer) : ",
                    choices.len()
                )
            }
            Lang::En => {
                format!(
                    "Your choice (1-{}, Enter to skip, q to stop): ",
                    choices.len()
                )
            }
        };
        loop {
            self.say(&prompt)?;
            let Some(line) = self.read_line()? else {
                // The end of the input is a stop, so piped answers need no trailing "q".
                self.say("\n")?;
                return Ok(Reply::Stop);
            };
            let reply = line.trim();
            if reply.is_empty() {
                return Ok(Reply::Skip);
            }
            if reply.eq_ignore_ascii_case("q") {
                return Ok(Reply::Stop);
            }
            match reply.parse::<usize>() {
                Ok(n) if (1..=choices.len()).contains(&n) => return Ok(Reply::Choice(n - 1)),
                _ => {
                    let message = match self.lang {
                        Lang::Fr => {
                            format!("Réponse non comprise : « {} ».\n", excerpt(reply))
                        }
                        Lang::En => {
                            format!("Answer not understood: \"{}\".\n", excerpt(reply))
                        }
                    };
                    self.say(&message)?;
                }
            }
        }
    }

    /// One line of input, decoded leniently; `None` at the end of the input.
    fn read_line(&mut self) -> Result<Option<String>, Failure> {
        let mut bytes = Vec::new();
        // A line longer than this is not an answer; the cap keeps a runaway pipe from filling memory.
        let mut limited = Read::take(&mut self.input, 4096);
        let read = limited
            .read_until(b'\n', &mut bytes)
            .map_err(|error| Failure::io(format!("cannot read standard input: {error}")))?;
        if read == 0 {
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// A short copy of what was typed, so an echoed mistake stays readable.
fn excerpt(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    short
}
