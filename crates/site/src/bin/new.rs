//! `new "The headline" [--slug the-headline] [--folder content]`: a new article's file,
//! `<folder>/<slug>.md`, from `crates/content/src/scaffold.rs` (`make new TITLE="…"`). The slug comes from
//! the title as section ids come from headings; today's date (UTC) is filled in; the rest is
//! placeholders the build refuses until they are written. An existing file is never replaced.

fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let mut title = None;
    let mut slug = None;
    let mut folder = "content".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--slug" => slug = args.next(),
            "--folder" => folder = args.next().unwrap_or(folder),
            _ if title.is_none() && !arg.trim().is_empty() => title = Some(arg),
            _ => return usage(&format!("unexpected argument {arg:?}")),
        }
    }
    let Some(title) = title else {
        return usage("give the article's title");
    };
    let Some(slug) = slug.filter(|slug| !slug.is_empty()).or_else(|| content::scaffold::slug_of(&title))
    else {
        return usage(&format!(
            "the title {title:?} gives no slug of a-z, 0-9 and '-'; give one: make new TITLE=\"…\" SLUG=my-article"
        ));
    };
    let path = std::path::Path::new(&folder).join(format!("{slug}.md"));
    let text = content::scaffold::scaffold(&title, &slug, today());
    // create_new: never over an existing file, even one written since this started.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
    match written {
        Ok(()) => {
            println!("new: wrote {}; write each [[write: …]] placeholder, then `make check`", path.display());
            ExitCode::SUCCESS
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("new: {} already exists; it is left as it is (give another SLUG=…)", path.display());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("new: cannot write {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> std::process::ExitCode {
    eprintln!("new: {problem}\nusage: new \"The headline\" [--slug the-headline] [--folder content]");
    std::process::ExitCode::from(2)
}

/// Today's date in UTC, from the system clock (days since 1970 to a civil date: Howard
/// Hinnant's algorithm).
fn today() -> content::Date {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_secs());
    let days = (seconds / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    content::Date { year: year as u16, month: month as u8, day: day as u8 }
}
