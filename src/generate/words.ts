/**
 * Word lists for synthetic artists, songs and playlists. Several languages and accented letters
 * on purpose: a matcher must survive "Corazón" vs "CORAZON" and "Beyoncé" vs "Beyonce".
 */

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Olivia', 'Noah', 'Mia', 'Lucas', 'Emma', 'Mateo', 'Chloé', 'José', 'Zoë', 'Renée',
  'Björn', 'Sofía', 'Andrés', 'Inês', 'Joël', 'Amélie', 'Ángel', 'Raúl', 'Léa', 'Jürgen', 'Søren',
  'Nina', 'Kai', 'Maya', 'Elijah', 'Isabella', 'Camila', 'Diego', 'Valentina', 'Tomás', 'Lucía',
  'Harry', 'Jack', 'Ellie', 'Lewis', 'Dua', 'Rosa', 'Selena', 'Marcus', 'Tyler', 'Jordan', 'Aaliyah',
  'Khalid', 'Omar', 'Yara', 'Aisha', 'Hugo', 'Gustavo', 'Luan', 'Anitta', 'Marília', 'Thiago',
  'Pedro', 'Gabriel', 'Bruna', 'Iza', 'Ludmila', 'Felipe', 'Nicolás', 'Martina', 'Emilia', 'Karol',
  'Sebastián', 'Manuel', 'Rocío', 'Paulo', 'Jérôme', 'Céline', 'Françoise', 'Stromae', 'Angèle',
  'Noémie', 'Loïc', 'Mattéo', 'Kenji', 'Yuki', 'Hana', 'Min', 'Jae', 'Soo', 'Arjun', 'Priya',
  'Ravi', 'Anika', 'Leon', 'Finn', 'Greta', 'Malte', 'Ida', 'Astrid', 'Freya', 'Oskar', 'Sven',
  'Ingrid', 'Wiktor', 'Zofia', 'Jan', 'Petra', 'Milan', 'Dominik', 'Ruby', 'Ivy', 'Jade', 'Skye',
  'Blake', 'Quinn', 'Riley', 'Cameron', 'Dakota', 'Jesse', 'Avery', 'Rowan', 'Sage', 'Remy',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Martin', 'García', 'Martínez', 'López', 'Pérez',
  'González', 'Rodríguez', 'Hernández', 'Sánchez', 'Ramírez', 'Peña', 'Núñez', 'Muñoz', 'Ibáñez',
  'Müller', 'Schäfer', 'Köhler', 'Sørensen', 'Åberg', 'Lindqvist', 'Dubois', 'Lefèvre', 'Moreau',
  'Girard', 'Bérubé', 'Silva', 'Santos', 'Oliveira', 'Conceição', 'Araújo', 'Gonçalves', 'Simões',
  'Rossi', 'Bianchi', 'Romano', 'Colombo', 'Kowalski', 'Nowak', 'Novák', 'Dvořák', 'Horváth',
  'Nagy', 'Kim', 'Park', 'Lee', 'Choi', 'Tanaka', 'Suzuki', 'Sato', 'Patel', 'Sharma', 'Singh',
  'Khan', 'Haddad', 'Nasser', 'Okafor', 'Adeyemi', 'Mensah', 'Diallo', 'Walker', 'Harlow', 'Styles',
  'Carter', 'Hayes', 'Brooks', 'Reed', 'Rivers', 'Stone', 'Knight', 'Fox', 'Wolfe', 'Black', 'Grey',
  'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell',
  'Mitchell', 'Roberts', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards',
  'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Bell', 'Gómez', 'Díaz',
  'Cruz', 'Reyes', 'Morales', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ruiz', 'Álvarez', 'Castillo', 'Jiménez',
];

export const ADJECTIVES = [
  'Golden', 'Broken', 'Electric', 'Midnight', 'Silver', 'Wild', 'Lonely', 'Sweet', 'Dark', 'Bright',
  'Crazy', 'Lost', 'Young', 'Cold', 'Hot', 'Blue', 'Red', 'Neon', 'Velvet', 'Crystal', 'Fading',
  'Burning', 'Endless', 'Perfect', 'Secret', 'Heavy', 'Little', 'Beautiful', 'Dangerous', 'Magic',
  'Savage', 'Toxic', 'Holy', 'Sober', 'Drunk', 'Happy', 'Sad', 'Better', 'Bad', 'Good', 'New',
  'Last', 'First', 'Only', 'Brand New', 'Paper', 'Glass', 'Summer', 'Winter', 'Cosmic', 'Lucky',
  'Hollow', 'Shallow', 'Quiet', 'Loud', 'Gentle', 'Fearless', 'Reckless', 'Restless', 'Famous',
];

export const NOUNS = [
  'Heart', 'Love', 'Night', 'Fire', 'Dream', 'Tears', 'Rain', 'Sky', 'Road', 'Home', 'Girl', 'Boy',
  'Lights', 'Money', 'City', 'River', 'Ocean', 'Moon', 'Sun', 'Stars', 'Kiss', 'Angel', 'Devil',
  'Ghost', 'Shadow', 'Memory', 'Summer', 'Paradise', 'Heaven', 'Diamond', 'Gold', 'Thunder',
  'Highway', 'Window', 'Mirror', 'Island', 'Fever', 'Poison', 'Flowers', 'Roses', 'Butterfly',
  'Wolves', 'Lion', 'Tiger', 'Horse', 'Wings', 'Bones', 'Blood', 'Soul', 'Mind', 'Body', 'Eyes',
  'Lips', 'Hands', 'Friends', 'Enemy', 'Stranger', 'Lover', 'Queen', 'King', 'Crown', 'Throne',
  'Party', 'Dance', 'Song', 'Melody', 'Rhythm', 'Beat', 'Drums', 'Echo', 'Silence', 'Storm',
  'Wave', 'Tide', 'Fantasy', 'Story', 'Secret', 'Promise', 'Lie', 'Truth', 'Chance', 'Signal',
  'Satellite', 'Rocket', 'Galaxy', 'Planet', 'Universe', 'Garden', 'Desert', 'Mountain', 'Valley',
];

export const VERBS = [
  'Hold', 'Save', 'Kiss', 'Call', 'Take', 'Leave', 'Love', 'Need', 'Want', 'Miss', 'Forget', 'Find',
  'Break', 'Burn', 'Run', 'Dance', 'Fly', 'Fall', 'Wait', 'Stay', 'Tell', 'Show', 'Touch', 'Feel',
  'Chase', 'Light', 'Lose', 'Move', 'Shake', 'Drive', 'Let', 'Bring', 'Catch', 'Free', 'Heal',
];

export const SPANISH_TITLES = [
  'Corazón', 'Mañana', 'Bailando', 'Te Quiero', 'Mi Vida', 'La Noche', 'Sin Ti', 'Contigo',
  'Despacito', 'Qué Pasó', 'Tú y Yo', 'Amor Eterno', 'Pa\' Ti', 'Canción', 'Ojitos Lindos', 'Fiesta',
  'Mentiras', 'Sueños', 'Besos', 'Adiós', 'Callaíta', 'Bombón', 'Locura', 'Volví', 'Tusa', 'Efecto',
  'Me Porto Bonito', 'Ay Mamá', 'Lágrimas', 'Perdón', 'Olvídame', 'Niña Bonita', 'Dímelo',
];

export const PORTUGUESE_TITLES = [
  'Saudade', 'Coração', 'Paixão', 'Envolver', 'Amor de Verão', 'Não Sei', 'Você', 'Cheguei',
  'Liberdade', 'Solidão', 'Ilusão', 'Prefiro Nem Saber', 'Meu Bem', 'Tô Nem Aí', 'Sofrência',
  'Da Moral', 'Aceita', 'Garota', 'Ciúme', 'Vai Malandra', 'Música Nova', 'Despedida',
];

export const FRENCH_TITLES = [
  'Désolé', 'Fièvre', 'Rêverie', 'Là-bas', 'Mélancolie', 'Éphémère', 'Ça ira', 'Déjà vu',
  'Tout va bien', 'Je t\'aime', 'Été', 'Lumière', 'Mon cœur', 'Alors on danse', 'Évidemment',
];

/** A few non-Latin names, as the sample has Thai and Arabic titles. */
export const NON_LATIN = ['ทักครับ', 'دلع واتدلع', '사랑해', '夜に駆ける', 'Любовь', 'ฝนตก', 'حبيبي', '봄날', '紅蓮華'];

export const PLACES = [
  'Wembley Stadium', 'Madison Square Garden', 'Red Rocks', 'the BBC Live Lounge', 'Rock in Rio',
  'Coachella', 'the Royal Albert Hall', 'Estadio Azteca', 'Maracanã', 'Tokyo Dome', 'Glastonbury',
  'the O2 Arena', 'Lollapalooza', 'Webster Hall', 'Primavera Sound',
];

export const REMIXERS = [
  'Tiësto', 'PNAU', 'Kygo', 'Jack Wins', 'Netsky', 'David Puentez', 'Crookers', 'Felix Jaehn',
  'Robin Schulz', 'R3HAB', 'Acraze', 'Purple Disco Machine', 'Oliver Heldens', 'MK', 'Joel Corry',
  'Sofi Tukker', 'Lost Frequencies', 'Alok', 'Vintage Culture', 'Fisher',
];

export const GENRES = [
  'Pop', 'Hip Hop', 'Rap', 'R&B', 'Reggaeton', 'Latin', 'Sertanejo', 'Funk', 'Rock', 'Indie',
  'Dance', 'EDM', 'House', 'Country', 'K-Pop', 'Afrobeats', 'Trap', 'Drill', 'Lo-Fi', 'Chill',
  'Bollywood', 'Dancehall', 'Techno', 'Soul', 'Jazz', 'Música Popular', 'Pagode', 'Forró',
];

export const MOODS = ['Chill', 'Workout', 'Party', 'Feel Good', 'Sad', 'Road Trip', 'Study', 'Summer', 'Late Night', 'Throwback'];

export const STAGE_PREFIXES = ['Lil', 'DJ', 'MC', 'Young', 'Big', 'King', 'Saint', 'Baby', 'Yung', 'Don'];

export const BAND_NOUNS = [
  'Wolves', 'Kids', 'Strangers', 'Lovers', 'Machines', 'Brothers', 'Sisters', 'Lights', 'Birds',
  'Tigers', 'Ghosts', 'Kings', 'Rebels', 'Saints', 'Sailors', 'Dreamers', 'Giants', 'Monkeys',
];

/** Syllables for invented names and words: real artist names are far more varied than any list. */
export const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'j', 'k', 'kh', 'l', 'll', 'm', 'n', 'ñ', 'p', 'r', 's', 'sh', 't', 'tr', 'v', 'y', 'z'];
export const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ia', 'é', 'á', 'ó', 'ou', 'ei', 'y'];
export const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'x', 'm'];
