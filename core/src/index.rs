//! The core's maps: sorted vectors (`litemap::LiteMap`) rather than `BTreeMap`, whose node code
//! the widget would carry once per key and value type (2.9 KB of what every page downloads).
//!
//! They are built one pair at a time, each insertion shifting the vector: quadratic, but over a
//! bounded count, since a pack holds at most [`crate::MAX_CRITERIA`] criteria and replaced ids, and
//! an answer code names only the pack's criteria. A sort would be linearithmic, and cost the widget
//! another 2.6 KB for the standard library's sort and the pairs' buffers.

use litemap::LiteMap;

/// `pairs` grouped by key, in key order; each key's values keep the order they came in.
pub(crate) fn grouped<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> LiteMap<K, Vec<V>> {
    let mut groups: LiteMap<K, Vec<V>> = LiteMap::new();
    for (key, value) in pairs {
        match groups.get_mut(&key) {
            Some(values) => values.push(value),
            None => {
                groups.insert(key, vec![value]);
            }
        }
    }
    groups
}

/// `pairs` as a map, or `None` if two of them have the same key.
pub(crate) fn unique<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Option<LiteMap<K, V>> {
    let mut map = LiteMap::new();
    for (key, value) in pairs {
        if map.insert(key, value).is_some() {
            return None;
        }
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::{grouped, unique};

    #[test]
    fn groups_keep_key_order_and_the_order_of_their_values() {
        let groups = grouped([("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)]);
        let groups: Vec<(&str, Vec<i32>)> = groups.iter().map(|(k, v)| (*k, v.clone())).collect();
        assert_eq!(
            groups,
            [("a", vec![2, 5]), ("b", vec![1, 3]), ("c", vec![4])]
        );
        assert!(grouped(Vec::<(u8, u8)>::new()).is_empty());
    }

    #[test]
    fn unique_keys_make_a_map_and_a_repeated_one_none() {
        let map = unique([("b", 1), ("a", 2), ("c", 3)]).expect("unique keys");
        assert_eq!(
            map.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(map.get("b"), Some(&1));
        assert!(unique([("b", 1), ("a", 2), ("b", 3)]).is_none());
    }
}
